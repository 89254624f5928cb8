import java.lang.reflect.Field;
import java.util.Arrays;

/**
 * Starts DynamoDB Local the way its own main() does, but listening on one host only
 * (DynamoDB Local itself always listens on every interface). Reflection only, so it
 * compiles without DynamoDB Local's jars: java -cp <this dir>:DynamoDBLocal.jar:DynamoDBLocal_lib/*
 * LocalDynamoLauncher 127.0.0.1 -inMemory -port 8000
 */
public final class LocalDynamoLauncher {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    String[] serverArgs = Arrays.copyOfRange(args, 1, args.length);
    Class<?> runner = Class.forName("com.amazonaws.services.dynamodbv2.local.main.ServerRunner");
    Object server =
        runner.getMethod("createServerFromCommandLineArgs", String[].class)
            .invoke(null, (Object) serverArgs);
    Field jettyField = server.getClass().getDeclaredField("server");
    jettyField.setAccessible(true);
    Object jetty = jettyField.get(server);
    for (Object connector : (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty)) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, host);
    }
    server.getClass().getMethod("start").invoke(server);
  }
}
