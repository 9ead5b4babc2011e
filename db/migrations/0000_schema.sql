CREATE TYPE "public"."account_type" AS ENUM('service', 'subscription', 'enterprise_legacy');--> statement-breakpoint
CREATE TYPE "public"."company_kind" AS ENUM('cn_org', 'cn_individual', 'overseas');--> statement-breakpoint
CREATE TYPE "public"."document_kind" AS ENUM('business_licence', 'org_code_certificate', 'id_card_front', 'id_card_back', 'id_holding_photo', 'authorisation_letter', 'verification_letter', 'certificate_of_incorporation', 'application', 'contact_proof', 'business_card', 'logo', 'other');--> statement-breakpoint
CREATE TYPE "public"."document_status" AS ENUM('requested', 'uploaded', 'approved', 'rejected', 'expired');--> statement-breakpoint
CREATE TYPE "public"."holiday_kind" AS ENUM('holiday', 'workday');--> statement-breakpoint
CREATE TYPE "public"."id_type" AS ENUM('prc_resident_id', 'passport', 'hmt_permit', 'other');--> statement-breakpoint
CREATE TYPE "public"."membership_status" AS ENUM('active', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."person_role" AS ENUM('legal_representative', 'operator', 'contact');--> statement-breakpoint
CREATE TYPE "public"."pipeline" AS ENUM('oa_cn_org', 'oa_cn_individual', 'oa_overseas', 'wecom');--> statement-breakpoint
CREATE TYPE "public"."product" AS ENUM('official_account', 'wecom');--> statement-breakpoint
CREATE TYPE "public"."review_decision" AS ENUM('approve', 'reject');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('owner', 'admin', 'staff', 'manager', 'client_admin');--> statement-breakpoint
CREATE TYPE "public"."stage" AS ENUM('intake', 'documents', 'account_created', 'email_verified', 'type_chosen', 'subject_submitted', 'profile_submitted', 'under_review', 'registered', 'application_submitted', 'awaiting_response', 'credentials_received', 'admin_appointed', 'corp_created', 'verification_submitted', 'verified', 'backend_configured', 'members_invited', 'live', 'on_hold', 'rejected', 'abandoned');--> statement-breakpoint
CREATE TYPE "public"."subject_type" AS ENUM('enterprise', 'individual_business', 'government', 'media', 'other_org', 'individual', 'overseas_company');--> statement-breakpoint
CREATE TYPE "public"."verification_status" AS ENUM('none', 'pending', 'verified', 'expired', 'failed');--> statement-breakpoint
CREATE TYPE "public"."waiting" AS ENUM('none', 'client', 'wechat');--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"default_locale" text DEFAULT 'zh-CN' NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"overseas_follow_up_days" smallint DEFAULT 10 NOT NULL,
	"require_totp_for_admins" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "agencies_slug_format" CHECK ("agencies"."slug" ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'),
	CONSTRAINT "agencies_default_locale" CHECK ("agencies"."default_locale" in ('en', 'zh-CN')),
	CONSTRAINT "agencies_follow_up_days" CHECK ("agencies"."overseas_follow_up_days" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_companies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" "company_kind" NOT NULL,
	"subject_type" "subject_type" NOT NULL,
	"legal_name_zh" text,
	"name_en" text,
	"uscc" text,
	"uscc_override_reason" text,
	"legacy_org_code" text,
	"registration_number" text,
	"country" text,
	"foreign_registration_number" text,
	"industry" text,
	"scale" text,
	"address" text,
	"assignee_user_id" uuid,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "client_companies_agency_id_key" UNIQUE("agency_id","id"),
	CONSTRAINT "client_companies_id_kind_key" UNIQUE("id","kind"),
	CONSTRAINT "client_companies_has_name" CHECK (coalesce("client_companies"."legal_name_zh", "client_companies"."name_en") is not null),
	CONSTRAINT "client_companies_uscc_format" CHECK ("client_companies"."uscc" is null or "client_companies"."uscc" ~ '^[0-9A-HJ-NP-RTUW-Y]{18}$'),
	CONSTRAINT "client_companies_cn_org_has_uscc" CHECK ("client_companies"."kind" <> 'cn_org' or "client_companies"."uscc" is not null),
	CONSTRAINT "client_companies_overseas_has_country" CHECK ("client_companies"."kind" <> 'overseas' or "client_companies"."country" is not null),
	CONSTRAINT "client_companies_org_code_matches_uscc" CHECK ("client_companies"."legacy_org_code" is null or "client_companies"."uscc" is null or substr("client_companies"."uscc", 9, 9) = replace("client_companies"."legacy_org_code", '-', ''))
);
--> statement-breakpoint
CREATE TABLE "document_registrations" (
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	CONSTRAINT "document_registrations_document_id_registration_id_pk" PRIMARY KEY("document_id","registration_id")
);
--> statement-breakpoint
CREATE TABLE "document_request_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"document_request_id" uuid NOT NULL,
	"author_user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"registration_id" uuid,
	"kinds" "document_kind"[] NOT NULL,
	"due_on" date,
	"message" text,
	"status" text DEFAULT 'open' NOT NULL,
	"requested_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_requests_agency_id_key" UNIQUE("agency_id","id"),
	CONSTRAINT "document_requests_status" CHECK ("document_requests"."status" in ('open', 'fulfilled', 'cancelled')),
	CONSTRAINT "document_requests_kinds_not_empty" CHECK (cardinality("document_requests"."kinds") > 0)
);
--> statement-breakpoint
CREATE TABLE "document_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"document_version_id" uuid NOT NULL,
	"decision" "review_decision" NOT NULL,
	"reason" text,
	"reviewer_user_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_reviews_reject_has_reason" CHECK ("document_reviews"."decision" = 'approve' or length(trim("document_reviews"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "document_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"s3_key" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" "bytea" NOT NULL,
	"etag" text NOT NULL,
	"detected_type" text NOT NULL,
	"original_name" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_versions_agency_id_key" UNIQUE("agency_id","id"),
	CONSTRAINT "document_versions_size" CHECK ("document_versions"."size_bytes" > 0 and "document_versions"."size_bytes" <= 20971520)
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"person_id" uuid,
	"document_request_id" uuid,
	"kind" "document_kind" NOT NULL,
	"status" "document_status" DEFAULT 'requested' NOT NULL,
	"signed" boolean DEFAULT false NOT NULL,
	"chopped" boolean DEFAULT false NOT NULL,
	"colour_scan" boolean DEFAULT false NOT NULL,
	"expires_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "documents_agency_id_key" UNIQUE("agency_id","id"),
	CONSTRAINT "documents_id_company_key" UNIQUE("id","client_company_id")
);
--> statement-breakpoint
CREATE TABLE "erasures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"erased_by" uuid,
	"objects_deleted" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "external_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"operator_person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"wechat_id" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "external_accounts_agency_id_key" UNIQUE("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"agency_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" "holiday_kind" NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "holidays_agency_id_date_pk" PRIMARY KEY("agency_id","date")
);
--> statement-breakpoint
CREATE TABLE "id_slots" (
	"agency_id" uuid NOT NULL,
	"operator_id_hmac" "bytea" NOT NULL,
	"slot" smallint NOT NULL,
	"official_account_id" uuid,
	"external_account_id" uuid,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "id_slots_agency_id_operator_id_hmac_slot_pk" PRIMARY KEY("agency_id","operator_id_hmac","slot"),
	CONSTRAINT "id_slots_slot" CHECK ("id_slots"."slot" in (1, 2)),
	CONSTRAINT "id_slots_one_holder" CHECK (num_nonnulls("id_slots"."official_account_id", "id_slots"."external_account_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "role" NOT NULL,
	"client_company_id" uuid,
	"token_hash" "bytea" NOT NULL,
	"invited_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invitations_role_not_owner" CHECK ("invitations"."role" <> 'owner'),
	CONSTRAINT "invitations_client_company_only_for_client_admin" CHECK (("invitations"."role" = 'client_admin') = ("invitations"."client_company_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"client_company_id" uuid,
	"status" "membership_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "memberships_agency_user_key" UNIQUE("agency_id","user_id"),
	CONSTRAINT "memberships_agency_id_key" UNIQUE("agency_id","id"),
	CONSTRAINT "memberships_client_company_only_for_client_admin" CHECK (("memberships"."role" = 'client_admin') = ("memberships"."client_company_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"registration_id" uuid,
	"author_user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "official_account_names" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"official_account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "official_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"subject_kind" "company_kind" NOT NULL,
	"account_type" "account_type",
	"operator_person_id" uuid,
	"name" text,
	"introduction" text,
	"intro_changed_at" timestamp with time zone,
	"login_email" text,
	"wechat_id" text,
	"original_id" text,
	"registered_at" timestamp with time zone,
	"verification_status" "verification_status" DEFAULT 'none' NOT NULL,
	"verification_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "official_accounts_agency_id_key" UNIQUE("agency_id","id"),
	CONSTRAINT "official_accounts_individual_is_subscription" CHECK ("official_accounts"."subject_kind" <> 'cn_individual' or "official_accounts"."account_type" is null or "official_accounts"."account_type" = 'subscription'),
	CONSTRAINT "official_accounts_overseas_is_service" CHECK ("official_accounts"."subject_kind" <> 'overseas' or "official_accounts"."account_type" is null or "official_accounts"."account_type" = 'service'),
	CONSTRAINT "official_accounts_intro_length" CHECK (char_length("official_accounts"."introduction") <= 120)
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_type" "id_type" NOT NULL,
	"id_number_ciphertext" "bytea",
	"id_key_id" text,
	"id_number_hmac" "bytea",
	"id_mask" text,
	"birth_date" date,
	"id_expires_on" date,
	"mobile" text,
	"fixed_line" text,
	"email" text,
	"erased_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "people_agency_id_key" UNIQUE("agency_id","id"),
	CONSTRAINT "people_mobile_e164" CHECK ("people"."mobile" is null or "people"."mobile" ~ '^\+[1-9][0-9]{6,14}$'),
	CONSTRAINT "people_id_present_unless_erased" CHECK ("people"."erased_at" is not null or ("people"."id_number_ciphertext" is not null and "people"."id_number_hmac" is not null and "people"."id_key_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "person_companies" (
	"agency_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"role" "person_role" NOT NULL,
	CONSTRAINT "person_companies_person_id_client_company_id_role_pk" PRIMARY KEY("person_id","client_company_id","role")
);
--> statement-breakpoint
CREATE TABLE "pipeline_required_documents" (
	"pipeline" "pipeline" NOT NULL,
	"kind" "document_kind" NOT NULL,
	CONSTRAINT "pipeline_required_documents_pipeline_kind_pk" PRIMARY KEY("pipeline","kind")
);
--> statement-breakpoint
CREATE TABLE "pipeline_stages" (
	"pipeline" "pipeline" NOT NULL,
	"stage" "stage" NOT NULL,
	"position" smallint NOT NULL,
	"is_side_state" boolean DEFAULT false NOT NULL,
	CONSTRAINT "pipeline_stages_pipeline_stage_pk" PRIMARY KEY("pipeline","stage")
);
--> statement-breakpoint
CREATE TABLE "registration_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"from_stage" "stage",
	"to_stage" "stage" NOT NULL,
	"actor_user_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"product" "product" NOT NULL,
	"pipeline" "pipeline" NOT NULL,
	"stage" "stage" NOT NULL,
	"resume_stage" "stage",
	"stage_entered_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"waiting" "waiting" DEFAULT 'none' NOT NULL,
	"assignee_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "registrations_agency_id_key" UNIQUE("agency_id","id"),
	CONSTRAINT "registrations_id_company_key" UNIQUE("id","client_company_id"),
	CONSTRAINT "registrations_product_matches_pipeline" CHECK (("registrations"."product" = 'wecom') = ("registrations"."pipeline" = 'wecom')),
	CONSTRAINT "registrations_resume_stage_only_in_side_states" CHECK (("registrations"."stage" in ('on_hold', 'rejected', 'abandoned')) = ("registrations"."resume_stage" is not null))
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"email_verified_at" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"totp_secret_ciphertext" "bytea",
	"totp_key_id" text,
	"locale" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "users_locale" CHECK ("users"."locale" is null or "users"."locale" in ('en', 'zh-CN')),
	CONSTRAINT "users_email_format" CHECK ("users"."email" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
CREATE TABLE "wecom_corps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"admin_person_id" uuid,
	"corp_name" text NOT NULL,
	"short_name" text,
	"industry" text,
	"scale" text,
	"tier" text DEFAULT 'free' NOT NULL,
	"region" text,
	"corp_id" text,
	"verification_status" "verification_status" DEFAULT 'none' NOT NULL,
	"verification_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wecom_corps_agency_id_key" UNIQUE("agency_id","id"),
	CONSTRAINT "wecom_corps_tier" CHECK ("wecom_corps"."tier" in ('free', 'paid'))
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_companies" ADD CONSTRAINT "client_companies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_companies" ADD CONSTRAINT "client_companies_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_registrations" ADD CONSTRAINT "document_registrations_document_fk" FOREIGN KEY ("document_id","client_company_id") REFERENCES "public"."documents"("id","client_company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_registrations" ADD CONSTRAINT "document_registrations_registration_fk" FOREIGN KEY ("registration_id","client_company_id") REFERENCES "public"."registrations"("id","client_company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_request_comments" ADD CONSTRAINT "document_request_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_request_comments" ADD CONSTRAINT "document_request_comments_request_fk" FOREIGN KEY ("agency_id","document_request_id") REFERENCES "public"."document_requests"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_requests" ADD CONSTRAINT "document_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_requests" ADD CONSTRAINT "document_requests_company_fk" FOREIGN KEY ("agency_id","client_company_id") REFERENCES "public"."client_companies"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_reviews" ADD CONSTRAINT "document_reviews_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_reviews" ADD CONSTRAINT "document_reviews_version_fk" FOREIGN KEY ("agency_id","document_version_id") REFERENCES "public"."document_versions"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_fk" FOREIGN KEY ("document_id","client_company_id") REFERENCES "public"."documents"("id","client_company_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_company_fk" FOREIGN KEY ("agency_id","client_company_id") REFERENCES "public"."client_companies"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_person_fk" FOREIGN KEY ("agency_id","person_id") REFERENCES "public"."people"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_request_fk" FOREIGN KEY ("agency_id","document_request_id") REFERENCES "public"."document_requests"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasures" ADD CONSTRAINT "erasures_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasures" ADD CONSTRAINT "erasures_erased_by_users_id_fk" FOREIGN KEY ("erased_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_accounts" ADD CONSTRAINT "external_accounts_operator_fk" FOREIGN KEY ("agency_id","operator_person_id") REFERENCES "public"."people"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holidays" ADD CONSTRAINT "holidays_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_slots" ADD CONSTRAINT "id_slots_official_account_fk" FOREIGN KEY ("agency_id","official_account_id") REFERENCES "public"."official_accounts"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_slots" ADD CONSTRAINT "id_slots_external_account_fk" FOREIGN KEY ("agency_id","external_account_id") REFERENCES "public"."external_accounts"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_client_company_fk" FOREIGN KEY ("agency_id","client_company_id") REFERENCES "public"."client_companies"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_company_fk" FOREIGN KEY ("agency_id","client_company_id") REFERENCES "public"."client_companies"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_account_names" ADD CONSTRAINT "official_account_names_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_account_names" ADD CONSTRAINT "official_account_names_account_fk" FOREIGN KEY ("agency_id","official_account_id") REFERENCES "public"."official_accounts"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_accounts" ADD CONSTRAINT "official_accounts_registration_fk" FOREIGN KEY ("registration_id","client_company_id") REFERENCES "public"."registrations"("id","client_company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_accounts" ADD CONSTRAINT "official_accounts_company_kind_fk" FOREIGN KEY ("client_company_id","subject_kind") REFERENCES "public"."client_companies"("id","kind") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_accounts" ADD CONSTRAINT "official_accounts_operator_fk" FOREIGN KEY ("agency_id","operator_person_id") REFERENCES "public"."people"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_companies" ADD CONSTRAINT "person_companies_person_fk" FOREIGN KEY ("agency_id","person_id") REFERENCES "public"."people"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_companies" ADD CONSTRAINT "person_companies_company_fk" FOREIGN KEY ("agency_id","client_company_id") REFERENCES "public"."client_companies"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_events" ADD CONSTRAINT "registration_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_events" ADD CONSTRAINT "registration_events_registration_fk" FOREIGN KEY ("registration_id","client_company_id") REFERENCES "public"."registrations"("id","client_company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_stage_fk" FOREIGN KEY ("pipeline","stage") REFERENCES "public"."pipeline_stages"("pipeline","stage") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_resume_stage_fk" FOREIGN KEY ("pipeline","resume_stage") REFERENCES "public"."pipeline_stages"("pipeline","stage") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_company_fk" FOREIGN KEY ("agency_id","client_company_id") REFERENCES "public"."client_companies"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wecom_corps" ADD CONSTRAINT "wecom_corps_registration_fk" FOREIGN KEY ("registration_id","client_company_id") REFERENCES "public"."registrations"("id","client_company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wecom_corps" ADD CONSTRAINT "wecom_corps_admin_fk" FOREIGN KEY ("agency_id","admin_person_id") REFERENCES "public"."people"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_slug_key" ON "agencies" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_agency_idx" ON "api_tokens" USING btree ("agency_id","user_id");--> statement-breakpoint
CREATE INDEX "audit_events_agency_at_idx" ON "audit_events" USING btree ("agency_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("agency_id","target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "client_companies_uscc_key" ON "client_companies" USING btree ("agency_id","uscc");--> statement-breakpoint
CREATE INDEX "client_companies_agency_name_idx" ON "client_companies" USING btree ("agency_id","legal_name_zh","id");--> statement-breakpoint
CREATE INDEX "client_companies_assignee_idx" ON "client_companies" USING btree ("agency_id","assignee_user_id");--> statement-breakpoint
CREATE INDEX "document_registrations_registration_idx" ON "document_registrations" USING btree ("agency_id","registration_id");--> statement-breakpoint
CREATE INDEX "document_request_comments_request_idx" ON "document_request_comments" USING btree ("agency_id","document_request_id","created_at");--> statement-breakpoint
CREATE INDEX "document_requests_company_idx" ON "document_requests" USING btree ("agency_id","client_company_id","status","due_on");--> statement-breakpoint
CREATE INDEX "document_reviews_version_idx" ON "document_reviews" USING btree ("agency_id","document_version_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "document_versions_s3_key" ON "document_versions" USING btree ("s3_key");--> statement-breakpoint
CREATE INDEX "document_versions_document_idx" ON "document_versions" USING btree ("agency_id","document_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "documents_company_idx" ON "documents" USING btree ("agency_id","client_company_id","kind");--> statement-breakpoint
CREATE INDEX "documents_review_queue_idx" ON "documents" USING btree ("agency_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "erasures_agency_idx" ON "erasures" USING btree ("agency_id","at");--> statement-breakpoint
CREATE INDEX "external_accounts_operator_idx" ON "external_accounts" USING btree ("agency_id","operator_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "id_slots_official_account_key" ON "id_slots" USING btree ("official_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "id_slots_external_account_key" ON "id_slots" USING btree ("external_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_agency_idx" ON "invitations" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "notes_company_idx" ON "notes" USING btree ("agency_id","client_company_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("agency_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "official_account_names_account_idx" ON "official_account_names" USING btree ("agency_id","official_account_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "official_accounts_registration_key" ON "official_accounts" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "official_accounts_company_idx" ON "official_accounts" USING btree ("agency_id","client_company_id");--> statement-breakpoint
CREATE INDEX "official_accounts_operator_idx" ON "official_accounts" USING btree ("agency_id","operator_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_id_number_key" ON "people" USING btree ("agency_id","id_type","id_number_hmac");--> statement-breakpoint
CREATE INDEX "people_agency_name_idx" ON "people" USING btree ("agency_id","name");--> statement-breakpoint
CREATE INDEX "person_companies_company_idx" ON "person_companies" USING btree ("agency_id","client_company_id");--> statement-breakpoint
CREATE INDEX "registration_events_registration_idx" ON "registration_events" USING btree ("agency_id","registration_id","at");--> statement-breakpoint
CREATE INDEX "registration_events_stage_idx" ON "registration_events" USING btree ("agency_id","to_stage","at");--> statement-breakpoint
CREATE INDEX "registrations_board_idx" ON "registrations" USING btree ("agency_id","pipeline","stage","due_at","id");--> statement-breakpoint
CREATE INDEX "registrations_company_idx" ON "registrations" USING btree ("agency_id","client_company_id");--> statement-breakpoint
CREATE INDEX "registrations_assignee_idx" ON "registrations" USING btree ("agency_id","assignee_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_tokens_hash_key" ON "user_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "user_tokens_user_idx" ON "user_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "wecom_corps_registration_key" ON "wecom_corps" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "wecom_corps_company_idx" ON "wecom_corps" USING btree ("agency_id","client_company_id");