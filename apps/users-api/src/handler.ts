import { createHttpHandler, type HttpRequest, NotFoundHttpError, validate } from "@org/app-kit";
import { assertOwner, requireUser } from "@org/aws-cognito/authorizer";
import { prime } from "@org/aws-core";
import { documentClient } from "@org/aws-dynamo";
import { usersApi } from "./api";
import { tenantClient, tenantSettings } from "./tenant-client";
import { UserId, UserUpdate } from "./user-input";
import { UserRepository } from "./user-repository";

/**
 * On the function's own client: admins' reads of other users' profiles, and every request
 * when the function has no tenant role (`TENANT_ROLE_ARN`).
 */
const users = new UserRepository();

// Each user's repository on their own client. tenantClient() hands back the same client while
// aws-core keeps it (a bounded cache of keys), so a WeakMap on the client keeps a repository
// exactly as long as its client, with no bound of its own. (A repository is cheap; this only
// spares building one per request.)
const ownRepositories = new WeakMap<object, UserRepository>();

// Under provisioned concurrency the client is created and connected during the init, off the
// first request's path; on demand this does nothing (the first caller would wait for it anyway).
await prime([documentClient], { connect: true });

/** The Cognito group whose members may read every profile. */
const adminGroup = () => process.env.ADMIN_GROUP || "admins";

/**
 * The repository for the caller's own profile: with `TENANT_ROLE_ARN`, on credentials that
 * reach the caller's partition only (tenant-client.ts); without, the function's own.
 */
function ownRepository(userId: string): UserRepository {
  const tenant = tenantSettings();
  if (!tenant) return users;
  const client = tenantClient(userId, tenant);
  let repository = ownRepositories.get(client);
  if (!repository) {
    repository = new UserRepository(undefined, client);
    ownRepositories.set(client, repository);
  }
  return repository;
}

/** A profile to read or write, and the repository that reaches it. */
interface Profile {
  readonly id: string;
  readonly repository: UserRepository;
}

async function readProfile({ id, repository }: Profile) {
  const user = await repository.getUser(id);
  if (!user) throw new NotFoundHttpError("No such user");
  return { statusCode: 200, body: user };
}

// Creates the profile, or updates it when `version` says which version the change is based
// on (a stale version is a 409).
async function writeProfile({ id, repository }: Profile, request: HttpRequest) {
  const { version, ...fields } = validate(UserUpdate, request.json());
  if (version === undefined)
    return { statusCode: 201, body: await repository.create({ id, ...fields }) };
  return {
    statusCode: 200,
    body: await repository.update({ id }, fields, { expectedVersion: version }),
  };
}

/** The caller's own profile. */
function ownProfile(request: HttpRequest): Profile {
  const { id } = requireUser(request.event);
  return { id, repository: ownRepository(id) };
}

/**
 * The `{id}` of the path, if the caller may use it (their own, or any for `orGroups`), and
 * the repository to use: the caller's own for their profile, the function's for another's.
 */
function pathProfile(request: HttpRequest, orGroups: readonly string[] = []): Profile {
  const user = requireUser(request.event);
  assertOwner(user, request.pathParameters.id, { orGroups });
  const id = validate(UserId, request.pathParameters.id);
  return { id, repository: id === user.id ? ownRepository(id) : users };
}

/** GET and PUT of the caller's profile, and admins' reads of anyone's. */
export const handler = createHttpHandler(usersApi, {
  "GET /users/me": (request) => readProfile(ownProfile(request)),
  "PUT /users/me": (request) => writeProfile(ownProfile(request), request),
  "GET /users/{id}": (request) => readProfile(pathProfile(request, [adminGroup()])),
  // No orGroups: nobody creates or changes someone else's profile.
  "PUT /users/{id}": (request) => writeProfile(pathProfile(request), request),
});
