using System.Net;
using System.Net.Sockets;

namespace CommitLab.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay to the app's Kestrel port, standing for the network between one visitor and
/// the server. <see cref="Cut"/> is a blip: every live connection drops at once (reset, no goodbye,
/// as when a phone changes networks) and new ones are reset as soon as they arrive, as a browser
/// with no network reports at once. <see cref="Restore"/> lets connections through again. Everyone
/// else keeps talking to the server directly, so only this visitor loses the network.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly EndPoint target;
    private readonly CancellationTokenSource stop = new();
    private readonly object gate = new();
    private readonly HashSet<Relay> live = [];
    private readonly Task accepting;
    private bool cut;

    public TcpProxy(Uri server)
    {
        target = new IPEndPoint(IPAddress.Parse(server.Host), server.Port);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/");
        accepting = AcceptAsync();
    }

    /// <summary>The app as seen through this proxy, for example http://127.0.0.1:40123/.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Drops every live connection and resets new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        List<Relay> dropped;
        lock (gate)
        {
            cut = true;
            dropped = [.. live];
            live.Clear();
        }

        foreach (var relay in dropped)
        {
            relay.Abort();
        }
    }

    public void Restore()
    {
        lock (gate)
        {
            cut = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        await accepting;
        Cut();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var relay = new Relay(client, new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        // Registered before connecting onwards, under the same lock as Cut, so a connection that
        // arrives while the cut is being made cannot slip past it.
        lock (gate)
        {
            if (cut)
            {
                relay.Abort();
                return;
            }

            live.Add(relay);
        }

        try
        {
            await relay.Server.ConnectAsync(target, stop.Token);
            var up = PumpAsync(relay.Client, relay.Server);
            var down = PumpAsync(relay.Server, relay.Client);
            if (await Task.WhenAny(up, down) is { IsFaulted: true })
            {
                // A reset on one side is passed on at once, not when the other side next speaks.
                relay.Abort();
            }

            await Task.WhenAll(up, down);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Cut, disposed, or one side reset: the other side must see the drop too.
            relay.Abort();
        }
        finally
        {
            lock (gate)
            {
                live.Remove(relay);
            }

            relay.Client.Dispose();
            relay.Server.Dispose();
        }
    }

    /// <summary>Copies one direction; an orderly end on one side is passed on as an orderly end (HTTP keep-alive closes).</summary>
    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0)
            {
                to.Shutdown(SocketShutdown.Send);
                return;
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
        }
    }

    private sealed class Relay(Socket client, Socket server)
    {
        public Socket Client { get; } = Setup(client);

        public Socket Server { get; } = Setup(server);

        /// <summary>Resets both sides: a zero linger makes Close send RST instead of FIN.</summary>
        public void Abort()
        {
            foreach (var socket in new[] { Client, Server })
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    // Already gone.
                }
            }
        }

        /// <summary>Small WebSocket frames must not wait for Nagle's algorithm.</summary>
        private static Socket Setup(Socket socket)
        {
            socket.NoDelay = true;
            return socket;
        }
    }
}
