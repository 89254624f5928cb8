import { BadRequestError, createHttpHandler, NotFoundHttpError, validate } from "@org/app-kit";
import * as z from "zod/mini";
import { UserRepository } from "./user-repository";

const users = new UserRepository();

const UserUpdate = z.object({
  email: z.email(),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** The version read before; omit to create a new user. */
  version: z.optional(z.number().check(z.int(), z.positive())),
});

function userId(id: string | undefined): string {
  if (!id || id.length > 128)
    throw new BadRequestError("A user id of 1 to 128 characters is required");
  return id;
}

/** GET /users/{id}, PUT /users/{id}. */
export const handler = createHttpHandler("users-api", {
  "GET /users/{id}": async ({ pathParameters }) => {
    const user = await users.getUser(userId(pathParameters.id));
    if (!user) throw new NotFoundHttpError("No such user");
    return { statusCode: 200, body: user };
  },

  // Creates the user, or updates it when `version` says which version the change is based
  // on (a stale version is a 409).
  "PUT /users/{id}": async (request) => {
    const id = userId(request.pathParameters.id);
    const { version, ...fields } = validate(UserUpdate, request.json());
    if (version === undefined)
      return { statusCode: 201, body: await users.create({ id, ...fields }) };
    return {
      statusCode: 200,
      body: await users.update({ id }, fields, { expectedVersion: version }),
    };
  },
});
