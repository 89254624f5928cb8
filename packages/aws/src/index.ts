export { type Aws, aws } from "./aws";
