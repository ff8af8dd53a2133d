import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts DynamoDB Local bound to 127.0.0.1 only. The stock ServerRunner listens on every interface,
 * which would put the demo database on the café's Wi-Fi; it has no option to change that, so this
 * sets the Jetty connector's host before start and refuses to start if it cannot.
 *
 * It also exits when its standard input closes: the POS keeps that pipe open, so if the POS dies
 * (even by SIGKILL) the database stops with it instead of lingering as an orphaned JVM.
 */
public final class LoopbackDynamoDB {
    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        int bound = 0;
        for (Connector connector : jetty.getConnectors()) {
            if (!(connector instanceof ServerConnector)) {
                throw new IllegalStateException("Unexpected connector " + connector + ": refusing to listen beyond loopback");
            }
            ((ServerConnector) connector).setHost("127.0.0.1");
            bound++;
        }
        if (bound == 0) {
            throw new IllegalStateException("No connector found: refusing to start");
        }
        proxy.start();
        System.out.println("LOOPBACK_DYNAMODB_READY");
        System.out.flush();
        while (System.in.read() != -1) {
            // wait for the parent to go away
        }
        try {
            proxy.stop();
        } finally {
            System.exit(0);
        }
    }
}
