import { createHttpHandler, type HttpRequest, NotFoundHttpError, validate } from "@org/app-kit";
import { assertOwner, requireUser } from "@org/aws-cognito/authorizer";
import { prime } from "@org/aws-core";
import { documentClient } from "@org/aws-dynamo";
import { usersApi } from "./api";
import { UserId, UserUpdate } from "./user-input";
import { UserRepository } from "./user-repository";

const users = new UserRepository();

// Under provisioned concurrency the client is created and connected during the init, off the
// first request's path; on demand this does nothing (the first caller would wait for it anyway).
await prime([documentClient], { connect: true });

/** The Cognito group whose members may read every profile. */
const adminGroup = () => process.env.ADMIN_GROUP || "admins";

async function readProfile(id: string) {
  const user = await users.getUser(id);
  if (!user) throw new NotFoundHttpError("No such user");
  return { statusCode: 200, body: user };
}

// Creates the profile, or updates it when `version` says which version the change is based
// on (a stale version is a 409).
async function writeProfile(id: string, request: HttpRequest) {
  const { version, ...fields } = validate(UserUpdate, request.json());
  if (version === undefined)
    return { statusCode: 201, body: await users.create({ id, ...fields }) };
  return {
    statusCode: 200,
    body: await users.update({ id }, fields, { expectedVersion: version }),
  };
}

/** The `{id}` of the path, if the caller may use it: their own, or any for `orGroups`. */
function ownedId(request: HttpRequest, orGroups: readonly string[] = []): string {
  const user = requireUser(request.event);
  const id = request.pathParameters.id;
  assertOwner(user, id, { orGroups });
  return validate(UserId, id);
}

/** GET and PUT of the caller's profile, and admins' reads of anyone's. */
export const handler = createHttpHandler(usersApi, {
  "GET /users/me": (request) => readProfile(requireUser(request.event).id),
  "PUT /users/me": (request) => writeProfile(requireUser(request.event).id, request),
  "GET /users/{id}": (request) => readProfile(ownedId(request, [adminGroup()])),
  // No orGroups: nobody creates or changes someone else's profile.
  "PUT /users/{id}": (request) => writeProfile(ownedId(request), request),
});
