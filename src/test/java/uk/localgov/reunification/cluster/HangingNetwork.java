package uk.localgov.reunification.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The network between a node and its database, which can hang: packets stop arriving but no
 * connection is refused or reset, as when a switch or a firewall drops them, unlike a server
 * that stops. While it hangs, what either side sends waits (as TCP retransmits it) and new
 * connections are accepted but carry nothing; once it carries again, everything still open goes
 * on where it stopped, as after a short partition.
 */
final class HangingNetwork implements AutoCloseable {

  private final ServerSocket listening;
  private final int databasePort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private volatile boolean hung;
  private volatile boolean closed;

  HangingNetwork(int databasePort) throws IOException {
    this.databasePort = databasePort;
    this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::accept, "hanging-network-accept");
    accepting.setDaemon(true);
    accepting.start();
  }

  /** The port the node connects to instead of the database's. */
  int port() {
    return listening.getLocalPort();
  }

  void hang() {
    hung = true;
  }

  void carry() {
    synchronized (gate) {
      hung = false;
      gate.notifyAll();
    }
  }

  private void waitWhileHung() throws InterruptedException {
    synchronized (gate) {
      while (hung && !closed) {
        gate.wait();
      }
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket node = listening.accept();
        sockets.add(node);
        Thread connecting = new Thread(() -> connect(node), "hanging-network-connect");
        connecting.setDaemon(true);
        connecting.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void connect(Socket node) {
    try {
      waitWhileHung(); // a connection made while the network hangs carries nothing until it is back
      Socket database = new Socket(InetAddress.getLoopbackAddress(), databasePort);
      sockets.add(database);
      pump(node, database);
      pump(database, node);
    } catch (IOException | InterruptedException e) {
      closeQuietly(node);
    }
  }

  private void pump(Socket from, Socket to) {
    Thread pumping = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          waitWhileHung();
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // one side went away: so does the other
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "hanging-network-pump");
    pumping.setDaemon(true);
    pumping.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    carry();
    listening.close();
    sockets.forEach(HangingNetwork::closeQuietly);
  }
}
