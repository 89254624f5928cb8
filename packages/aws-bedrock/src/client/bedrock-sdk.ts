// The parts of the Bedrock Runtime SDK this package uses, in a module of its own: it is what
// the client loads on first use, and naming the parts (not `import()` of the whole SDK)
// leaves a bundler free to drop the rest.
export {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
} from "@aws-sdk/client-bedrock-runtime";
