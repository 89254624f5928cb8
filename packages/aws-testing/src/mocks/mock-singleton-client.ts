import type { DefinedClient } from "@org/aws-core";
import { type AwsClientStub, mockClient } from "aws-sdk-client-mock";

/** The SDK client class of `TClient`, built from a region and credentials. */
export type SdkClientClass<TClient> = new (config: {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}) => TClient;

// One stub per client class, however often a test asks for it.
const stubs = new Map<unknown, { stub: { restore(): void }; singletons: Set<{ reset(): void }> }>();

/**
 * Mocks an SDK client class with aws-sdk-client-mock (so clients created later are covered
 * too) and wires a `@org/aws-*` singleton to an instance of it, built with a dummy region
 * and credentials so no environment is needed. Undone by {@link restoreMocks} (the vitest
 * setup file calls it after each test).
 *
 * @example
 * ```ts
 * import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";
 *
 * const sqsMock = mockSingletonClient(sqs, SQSClient);
 * sqsMock.on(SendMessageCommand).resolves({ MessageId: "1" });
 * ```
 */
export function mockSingletonClient<TClient extends object>(
  singleton: Pick<DefinedClient<TClient>, "reset" | "inject">,
  Client: SdkClientClass<TClient>,
  instance: TClient = new Client({
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  }),
): AwsClientStub<TClient> {
  let entry = stubs.get(Client);
  if (!entry) {
    entry = { stub: mockClient(Client as never), singletons: new Set() };
    stubs.set(Client, entry);
  }
  singleton.reset();
  singleton.inject(instance);
  entry.singletons.add(singleton);
  return entry.stub as AwsClientStub<TClient>;
}

/**
 * Restores every client class mocked with the helpers of this package and resets the
 * singletons they were wired to.
 *
 * @example
 * ```ts
 * afterEach(() => restoreMocks());
 * ```
 */
export function restoreMocks(): void {
  for (const { stub, singletons } of stubs.values()) {
    stub.restore();
    for (const singleton of singletons) singleton.reset();
  }
  stubs.clear();
}
