package uk.localgov.reunification.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body larger than {@code reunification.requests.max-body-size} is read, on any
 * endpoint: Camunda's multipart reader (deployments, attachments) and its JSON reader take the
 * whole body into memory before any authorization is checked, so a few large requests from any
 * login would exhaust the heap. A body that declares a larger length is answered 413 before a byte
 * of it is read; one sent in chunks is read up to the limit, then answered 413 if it goes on.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

  private final long maxBytes;

  public RequestBodyLimit(DataSize maxBodySize) {
    this.maxBytes = maxBodySize.toBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(response, declared);
      return;
    }
    if (declared >= 0 || !hasBody(request)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
    if (body.length > maxBytes) {
      refuse(response, -1);
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getHeader("Transfer-Encoding") != null;
  }

  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while (read.size() < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - read.size()))) != -1) {
      read.write(buffer, 0, n);
    }
    return read.toByteArray();
  }

  private void refuse(HttpServletResponse response, long declared) throws IOException {
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setHeader("Connection", "close"); // the rest of the body is not read
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"type\":\"PayloadTooLarge\",\"message\":\"The request body is larger than the "
        + maxBytes + " bytes this service reads" + (declared >= 0 ? " (it declared " + declared + ")" : "")
        + ". Send a smaller file: a process model and its forms fit well within the limit.\"}");
  }

  /** The request with the body already read, for a body sent in chunks. */
  private static final class ReadBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body has been read already");
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() throws java.io.UnsupportedEncodingException {
      String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
    }
  }
}
