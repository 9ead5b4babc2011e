-- Everything a page request needs to know about who the signed-in user is in each of their
-- agencies, in the one statement that also checks the session (lib/auth/users.ts
-- findSessionContext, ADR 0023): each active membership with its id, role and (client
-- administrators) company, and the agency's settings. Like weidesk_user_agencies, only the
-- user's own memberships; SECURITY DEFINER because no tenant is set yet.
CREATE FUNCTION weidesk_user_memberships(p_user_id uuid)
  RETURNS TABLE (membership_id uuid, role role, client_company_id uuid, company_legal_name_zh text, company_name_en text,
                 agency_id uuid, slug text, name text, default_locale text, time_zone text, require_totp_for_admins boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT m.id, m.role, m.client_company_id, c.legal_name_zh, c.name_en,
         a.id, a.slug, a.name, a.default_locale, a.time_zone, a.require_totp_for_admins
  FROM memberships m
  JOIN agencies a ON a.id = m.agency_id
  LEFT JOIN client_companies c ON c.agency_id = m.agency_id AND c.id = m.client_company_id
  WHERE m.user_id = p_user_id AND m.status = 'active' AND a.deleted_at IS NULL
  ORDER BY a.name, a.id
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_user_memberships(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_user_memberships(uuid) TO weidesk_app;
