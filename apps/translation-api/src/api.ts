import { defineApi } from "@org/app-kit/api";

/** translation-api's routes: `/health` is public, the rest need a verified user. */
export const translationApi = defineApi({
  function: "translation-api",
  runtime: "nodejs24.x",
  routes: {
    "GET /health": { auth: "public" },
    "POST /translations": { auth: "jwt" },
    "GET /translations": { auth: "jwt" },
  },
});
