// Recipe: trace every AWS call with Powertools Tracer, clients still created on first use.
import { Tracer } from "@aws-lambda-powertools/tracer";
import { onCreate } from "@org/aws-core";

export const tracer = new Tracer({ serviceName: "orders" });

// Each client an @org/aws-* package creates is captured once, right after its creation,
// with the shared configuration it was built with.
onCreate((client) => tracer.captureAWSv3Client(client as never));
