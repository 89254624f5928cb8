import type { LazyClient } from "@org/aws-core";
import { type AwsClientStub, mockClient as stubSend } from "aws-sdk-client-mock";

/**
 * An AWS SDK v3 client class, as {@link mockClient} takes it: built from a region and
 * credentials (it builds one with dummy ones), its instances of the lazy client's type.
 */
export type SdkClientClass<TClient> = new (config: {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}) => TClient;

/** A region and credentials, so a mock needs nothing from the environment. */
export const DUMMY_CONFIG = {
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
};

interface Mocked {
  readonly stub: { restore(): void; readonly send: unknown };
  readonly clients: Set<Pick<LazyClient<unknown, unknown>, "reset">>;
}

// One stub per client class, however often a test asks for it (aws-sdk-client-mock would
// otherwise replace the stub, and with it what the test set with `.on()` so far).
const mocked = new Map<{ prototype: object }, Mocked>();

/**
 * Mocks `send()` of an SDK client class with aws-sdk-client-mock (so clients of that class
 * created later are covered too) and injects an instance of it into a lazy client (built
 * with a dummy region and credentials: no environment needed). For a client whose SDK loads
 * on first use, `x.client` and `await x.get()` return that instance at once; `x.sdk()` still
 * loads the real SDK module, whose command classes are the ones your test matches on.
 * Returns the aws-sdk-client-mock stub. The vitest setup file of this package undoes it
 * after each test (restores the class, resets the lazy client).
 *
 * The class must be the one whose instances the lazy client holds: the class of another
 * service is a type error.
 *
 * @example
 * ```ts
 * import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
 * import { mockClient } from "@org/aws-testing";
 * import { sqs } from "../src/clients"; // defineClient({ name: "sqs", create: (c) => new SQSClient(c) })
 *
 * mockClient(sqs, SQSClient).on(SendMessageCommand).resolves({ MessageId: "1" });
 * ```
 */
export function mockClient<TClient extends object>(
  lazyClient: LazyClient<TClient, unknown>,
  Client: SdkClientClass<NoInfer<TClient>>,
): AwsClientStub<TClient> {
  return mockWithInstance(lazyClient, Client, new Client(DUMMY_CONFIG));
}

/**
 * {@link mockClient} with an instance of the class built by the caller (a DynamoDB
 * DocumentClient is built from another client, not from a configuration).
 */
export function mockWithInstance<TClient extends object>(
  lazyClient: Pick<LazyClient<TClient, unknown>, "inject" | "reset">,
  Client: { prototype: object },
  instance: TClient,
): AwsClientStub<TClient> {
  let entry = mocked.get(Client);
  // A stub restored meanwhile (by hand, with `stub.restore()`) no longer stands for send().
  if (entry && (Client.prototype as { send?: unknown }).send !== entry.stub.send) {
    mocked.delete(Client);
    entry = undefined;
  }
  if (!entry) {
    entry = { stub: stubSend(Client as never), clients: new Set() };
    mocked.set(Client, entry);
  }
  lazyClient.reset();
  lazyClient.inject(instance);
  entry.clients.add(lazyClient as Pick<LazyClient<unknown, unknown>, "reset">);
  return entry.stub as AwsClientStub<TClient>;
}

/**
 * Restores every client class mocked with this package and resets the lazy clients the
 * mocks were injected into. Internal: the vitest setup file calls it after each test.
 */
export function restoreMocks(): void {
  for (const { stub, clients } of mocked.values()) {
    stub.restore();
    for (const client of clients) client.reset();
  }
  mocked.clear();
}
