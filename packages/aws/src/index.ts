export { type Aws, aws } from "./aws";
export type { FacadeClient } from "./facade-client";
