export { type Aws, aws } from "./aws";
export type { OnUseClient } from "./on-use-view";
