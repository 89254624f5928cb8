// What the facade needs of @org/aws-dynamo, in a module of its own: loaded on first use, it
// brings the DocumentClient, not the whole package (a dynamic import cannot be tree-shaken).
export { documentClient } from "@org/aws-dynamo";
