// What the facade's documentClient loads on first use, in one module (one chunk to wait
// for): @org/aws-dynamo's DocumentClient (not the whole package: a dynamic import cannot be
// tree-shaken) and the DocumentClient's commands, named.
export { documentClient } from "@org/aws-dynamo";
export * as documentCommands from "./document-commands";
