import { ValidationError } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

type ErrorName = ConstructorParameters<typeof ValidationError>[0];

/**
 * The CDK's own error for props that cannot work: the CLI shows it with the construct's path,
 * and `Errors.isValidationError()` recognizes it, as for the constructs of aws-cdk-lib.
 */
export function validationError(scope: IConstruct, name: string, message: string): Error {
  // `name` is a literal of ours; the CDK brands its type to keep it one.
  return new ValidationError(name as ErrorName, message, scope);
}
