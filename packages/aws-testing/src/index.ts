export { resetAll } from "@org/aws-core";
