import { apiRoutes } from "@org/app-kit/api";
import { translationApi } from "@org/translation-api/api";
import { usersApi } from "@org/users-api/api";
import { describe, expect, it } from "vitest";
import { logicalId, synthStack } from "./support/synth";

const { stack, template } = synthStack();
const translationFn = logicalId(stack, stack.translationApi);
const usersFn = logicalId(stack, stack.usersApi);

/** Each route of the template: its authorization and the function its integration calls. */
function routes() {
  const integrations = template.findResources("AWS::ApiGatewayV2::Integration");
  const functionOf = (target: unknown): string => {
    // Target: { "Fn::Join": ["", ["integrations/", { Ref: <integration> }]] }
    const integrationId = JSON.stringify(target).match(/"Ref":"([^"]+)"/)?.[1] ?? "";
    const uri = integrations[integrationId]?.Properties.IntegrationUri;
    return (uri?.["Fn::GetAtt"] as string[] | undefined)?.[0] ?? `unknown ${integrationId}`;
  };
  return Object.fromEntries(
    Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map(({ Properties: p }) => [
      p.RouteKey as string,
      {
        authorizationType: p.AuthorizationType as string | undefined,
        authorizer: (p.AuthorizerId as { Ref?: string } | undefined)?.Ref,
        function: functionOf(p.Target),
      },
    ]),
  );
}

describe("HTTP API", () => {
  const authorizers = template.findResources("AWS::ApiGatewayV2::Authorizer");
  const [authorizerId] = Object.keys(authorizers);

  it("is one HTTP API with one Cognito JWT authorizer for the app client", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", { ProtocolType: "HTTP" });
    expect(Object.keys(authorizers)).toHaveLength(1);
    const authorizer = authorizers[authorizerId ?? ""]?.Properties;
    expect(authorizer).toMatchObject({
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: { Audience: [{ Ref: logicalId(stack, stack.auth.userPoolClient) }] },
    });
    const issuer = JSON.stringify(authorizer?.JwtConfiguration.Issuer);
    expect(issuer).toContain("https://cognito-idp.");
    expect(issuer).toContain(logicalId(stack, stack.auth.userPool));
  });

  it("routes the translation and user routes to their app, behind the JWT authorizer", () => {
    const jwt = { authorizationType: "JWT", authorizer: authorizerId };
    expect(routes()).toEqual({
      "POST /translations": { ...jwt, function: translationFn },
      "GET /translations": { ...jwt, function: translationFn },
      "GET /users/me": { ...jwt, function: usersFn },
      "PUT /users/me": { ...jwt, function: usersFn },
      "GET /users/{id}": { ...jwt, function: usersFn },
      "PUT /users/{id}": { ...jwt, function: usersFn },
      "GET /health": { authorizationType: "NONE", authorizer: undefined, function: translationFn },
    });
  });

  // The apps' api.ts files are the one description the local runner enforces too.
  it("declares exactly the routes of the apps' descriptions, each with its authorization", () => {
    const deployed = routes();
    const functions = { [translationApi.function]: translationFn, [usersApi.function]: usersFn };
    const described = [translationApi, usersApi].flatMap((api) =>
      apiRoutes(api).map((route) => ({ ...route, function: functions[api.function] })),
    );
    expect(Object.keys(deployed).sort()).toEqual(described.map((r) => r.routeKey).sort());
    for (const route of described) {
      expect(deployed[route.routeKey], route.routeKey).toEqual(
        route.auth.auth === "public"
          ? { authorizationType: "NONE", authorizer: undefined, function: route.function }
          : { authorizationType: "JWT", authorizer: authorizerId, function: route.function },
      );
    }
  });

  it("sends API Gateway's v2 event to the functions", () => {
    for (const integration of Object.values(
      template.findResources("AWS::ApiGatewayV2::Integration"),
    )) {
      expect(integration.Properties).toMatchObject({
        IntegrationType: "AWS_PROXY",
        PayloadFormatVersion: "2.0",
      });
    }
  });

  it("lets API Gateway invoke each function only from this API's routes", () => {
    const permissions = Object.values(template.findResources("AWS::Lambda::Permission"));
    expect(permissions.length).toBeGreaterThanOrEqual(2);
    for (const { Properties: p } of permissions) {
      expect(p.Principal).toBe("apigateway.amazonaws.com");
      expect(JSON.stringify(p.SourceArn)).toContain(logicalId(stack, stack.httpApi));
    }
  });
});
