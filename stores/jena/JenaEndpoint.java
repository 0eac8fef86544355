// A SPARQL 1.1 endpoint over Apache Jena's own engine (ARQ) and in-memory transactional dataset,
// from Debian's libapache-jena-java, for the tests of the saved-query library on Jena
// (tests/servers.py start_jena). Fuseki, Jena's server, comes only from Maven Central, which some
// machines cannot reach; this endpoint lets the same queries run on the engine Fuseki runs them on.
//
// Protocol served, on 127.0.0.1 only:
//   /sparql  query operation: GET ?query=, POST form (query=...), POST application/sparql-query;
//            SELECT/ASK answered as application/sparql-results+json, CONSTRUCT/DESCRIBE as N-Triples.
//   /data    Graph Store Protocol: PUT replaces, POST adds, ?default or ?graph=IRI, N-Triples body.
// No SPARQL Update: the store is loaded through /data and otherwise read-only.
//
// Run (Java 17's single-file launcher; needs a JDK):
//   java -cp '/usr/share/java/*' stores/jena/JenaEndpoint.java PORT

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RiotException;
import org.apache.jena.system.Txn;

public class JenaEndpoint {
    private static final Dataset DATASET = DatasetFactory.createTxnMem();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/sparql", JenaEndpoint::query);
        server.createContext("/data", JenaEndpoint::graphStore);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("listening on http://127.0.0.1:" + port);
    }

    private static void query(HttpExchange ex) throws IOException {
        try {
            String text = queryText(ex);
            if (text == null) {
                send(ex, 400, "text/plain", "no query given");
                return;
            }
            Query query = QueryFactory.create(text);
            byte[] body = Txn.calculateRead(DATASET, () -> answer(query));
            send(ex, 200, query.isSelectType() || query.isAskType()
                    ? "application/sparql-results+json" : "application/n-triples", body);
        } catch (QueryParseException e) {
            send(ex, 400, "text/plain", "parse error: " + e.getMessage());
        } catch (RuntimeException e) {
            send(ex, 500, "text/plain", e.toString());
        }
    }

    private static byte[] answer(Query query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QueryExecution qe = QueryExecutionFactory.create(query, DATASET)) {
            if (query.isSelectType()) {
                ResultSetFormatter.outputAsJSON(out, qe.execSelect());
            } else if (query.isAskType()) {
                ResultSetFormatter.outputAsJSON(out, qe.execAsk());
            } else {
                Model m = query.isConstructType() ? qe.execConstruct() : qe.execDescribe();
                RDFDataMgr.write(out, m, Lang.NTRIPLES);
            }
        }
        return out.toByteArray();
    }

    private static String queryText(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        if (method.equals("GET")) {
            return params(ex.getRequestURI().getRawQuery()).get("query");
        }
        if (!method.equals("POST")) {
            return null;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        return type.startsWith("application/sparql-query") ? body : params(body).get("query");
    }

    private static void graphStore(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("PUT") && !method.equals("POST")) {
            send(ex, 405, "text/plain", "PUT or POST N-Triples to ?default or ?graph=IRI");
            return;
        }
        Map<String, String> p = params(ex.getRequestURI().getRawQuery());
        Model given = ModelFactory.createDefaultModel();
        try {
            RDFDataMgr.read(given, new ByteArrayInputStream(ex.getRequestBody().readAllBytes()), Lang.NTRIPLES);
        } catch (RiotException e) {
            send(ex, 400, "text/plain", "not N-Triples: " + e.getMessage());
            return;
        }
        String graph = p.get("graph");
        Txn.executeWrite(DATASET, () -> {
            Model target = graph == null ? DATASET.getDefaultModel() : DATASET.getNamedModel(graph);
            if (method.equals("PUT")) {
                target.removeAll();
            }
            target.add(given);
        });
        send(ex, method.equals("PUT") ? 204 : 200, "text/plain", "");
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> found = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return found;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            found.put(key, value);
        }
        return found;
    }

    private static void send(HttpExchange ex, int status, String type, String text) throws IOException {
        send(ex, status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (status == 204) {
            ex.sendResponseHeaders(204, -1);
        } else {
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }
}
