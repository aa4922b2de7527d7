import java.net.URI;
import java.net.http.*;
import java.util.*;
/** Round-8 probe (kept as run): p50/p90/p99 of GET requests, one at a time over one keep-alive connection, per URL
 * ("URL|traceparent:x" sends a fresh traceparent each time); three rounds. Run: java LatencyProbe.java N URL... */
public class LatencyProbe {
  // args: n, then "URL|Header:Value" entries
  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[0]);
    HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int round = 0; round < 3; round++)
    for (int u = 1; u < a.length; u++) {
      String[] parts = a[u].split("\\|");
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(parts[0])).GET();
      for (int h = 1; h < parts.length; h++) { String[] kv = parts[h].split(":", 2); b.header(kv[0], kv[1]); }
      HttpRequest r = b.build();
      long[] t = new long[n];
      for (int i = 0; i < 50; i++) c.send(r, HttpResponse.BodyHandlers.ofString());
      for (int i = 0; i < n; i++) {
        if (parts.length > 1 && parts[1].startsWith("traceparent")) {
          String tp = String.format("00-%032x-%016x-01", new java.math.BigInteger(128, new Random()), new Random().nextLong() & Long.MAX_VALUE);
          r = HttpRequest.newBuilder(URI.create(parts[0])).GET().header("traceparent", tp).build();
        }
        long s = System.nanoTime(); var resp = c.send(r, HttpResponse.BodyHandlers.ofString()); t[i] = System.nanoTime() - s;
        if (resp.statusCode()!=200) throw new IllegalStateException(""+resp.statusCode()); }
      Arrays.sort(t);
      System.out.printf("%-110s p50 %.2f p90 %.2f p99 %.2f ms%n", a[u], t[n/2]/1e6, t[n*9/10]/1e6, t[n*99/100]/1e6);
    }
  }
}
