import { defineApi } from "@org/app-kit/api";

/**
 * users-api's routes: every one needs a verified user. A user reads and writes their own
 * profile (`/users/me`, or `/users/{id}` with their own id); members of the admin group
 * (`ADMIN_GROUP`, default `admins`) may read anyone's.
 */
export const usersApi = defineApi({
  function: "users-api",
  runtime: "nodejs24.x",
  routes: {
    "GET /users/me": { auth: "jwt" },
    "PUT /users/me": { auth: "jwt" },
    "GET /users/{id}": { auth: "jwt" },
    "PUT /users/{id}": { auth: "jwt" },
  },
});
