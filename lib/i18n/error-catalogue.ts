/**
 * The "errors" namespace of messages/en.json and messages/zh-CN.json, for app/global-error.tsx
 * alone. That boundary replaces the root layout, so it brings its own messages, and it is
 * part of every page's first-load JavaScript: importing the two whole catalogues there put
 * about 70 kB (gzipped) into every page (docs/decisions/0022-first-load-js.md).
 * error-catalogue.test.ts keeps this equal to the catalogues: change the JSON files, then
 * copy the namespace here.
 */
import type { Locale } from "@/lib/i18n/config";
import type en from "@/messages/en.json";

export const errorCatalogues = {
  en: {
    errors: {
      title: "Something went wrong",
      body: "This page couldn’t load. Try again in a moment; if it keeps failing, let your administrator know what you were doing.",
      reference: "Reference: {digest}",
      tryAgain: "Try again",
      home: "Go to the start page",
      codes: {
        BAD_REQUEST: "That request could not be read. Reload the page and try again.",
        UNAUTHENTICATED: "Your session has ended. Sign in again to continue.",
        FORBIDDEN: "Your role doesn't allow this. Ask an administrator of your agency.",
        NOT_FOUND: "We couldn't find that. It may have been removed, or the link is wrong.",
        CONFLICT: "Someone else changed this at the same time. Reload and try again.",
        STALE_VERSION: "This changed since you opened it. The latest version is shown; check it and try again.",
        ID_CAP_REACHED: "This ID already operates two Official Accounts, the most WeChat allows.",
        UNIQUE_VIOLATION: "This is already in use in your agency.",
        VALIDATION: "Some fields need attention. Check the messages next to them.",
        RATE_LIMITED: "Too many attempts. Wait a little and try again.",
        INTERNAL: "Something went wrong on our side. Try again; if it keeps happening, tell us.",
        UNAVAILABLE: "Weidesk is briefly unavailable. Try again in a moment.",
      },
      unavailable: {
        title: "Weidesk is briefly unavailable",
        database: "The database can’t be reached right now. Weidesk carries on by itself as soon as it is back: try again in a moment.",
        storage: "File storage can’t be reached right now. Weidesk carries on by itself as soon as it is back: try again in a moment.",
      },
    },
  },
  "zh-CN": {
    errors: {
      title: "出了点问题",
      body: "页面暂时无法加载，请稍后重试。如果问题持续出现，可以把当时的操作告诉管理员。",
      reference: "错误编号：{digest}",
      tryAgain: "重试",
      home: "返回首页",
      codes: {
        BAD_REQUEST: "无法读取该请求，请刷新页面后重试。",
        UNAUTHENTICATED: "登录已失效，请重新登录后继续。",
        FORBIDDEN: "您的角色无权执行此操作，请联系机构管理员。",
        NOT_FOUND: "找不到该内容，可能已被删除或链接有误。",
        CONFLICT: "有人同时修改了此内容，请刷新后重试。",
        STALE_VERSION: "打开后内容已被修改，现在显示的是最新版本，请核对后重试。",
        ID_CAP_REACHED: "该身份证已运营 2 个公众号，已达微信上限。",
        UNIQUE_VIOLATION: "本机构中已有相同记录。",
        VALIDATION: "部分字段需要修改，请查看字段旁的提示。",
        RATE_LIMITED: "尝试次数过多，请稍后再试。",
        INTERNAL: "系统出错了，请重试；如果问题持续，请联系我们。",
        UNAVAILABLE: "Weidesk 暂时无法访问，请稍后再试。",
      },
      unavailable: {
        title: "Weidesk 暂时无法使用",
        database: "暂时无法连接数据库。数据库恢复后 Weidesk 会自动继续工作，请稍后再试。",
        storage: "暂时无法连接文件存储。存储恢复后 Weidesk 会自动继续工作，请稍后再试。",
      },
    },
  },
} satisfies Record<Locale, { errors: (typeof en)["errors"] }>;
