using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace CommitLab.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A minimal SignalR client (JSON protocol over WebSockets) for tests that call the classroom hub
/// as a non-Blazor client would. The .NET SignalR client package is not available here, and the
/// protocol is small: negotiate, a handshake, then records separated by 0x1E. Invocations (type 1)
/// with an id get a completion (type 3) carrying a result or an error; invocations from the server
/// without an id are events, queued for <see cref="NextEventAsync"/>.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char Separator = '\u001e';

    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonNode?>> pending = new();
    private readonly Channel<(string Target, JsonArray Arguments)> events = Channel.CreateUnbounded<(string, JsonArray)>();
    private readonly CancellationTokenSource stop = new();
    private Task? receiving;
    private int nextId;

    private HubClient()
    {
    }

    public static async Task<HubClient> ConnectAsync(Uri baseUrl, string path = "hubs/classroom")
    {
        var client = new HubClient();
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var negotiate = await http.PostAsync(new Uri($"{path}/negotiate?negotiateVersion=1", UriKind.Relative), null);
        negotiate.EnsureSuccessStatusCode();
        var reply = await negotiate.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("empty negotiate reply");
        var token = reply["connectionToken"]?.GetValue<string>() ?? throw new InvalidOperationException("no connection token");
        var ws = new UriBuilder(new Uri(baseUrl, path)) { Scheme = "ws", Query = $"id={Uri.EscapeDataString(token)}" }.Uri;
        await client.socket.ConnectAsync(ws, CancellationToken.None);
        await client.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await client.ReceiveRecordAsync(CancellationToken.None);
        if (handshake is null || handshake.Contains("error", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"handshake refused: {handshake}");
        }

        client.receiving = Task.Run(() => client.ReceiveLoopAsync(client.stop.Token));
        return client;
    }

    /// <summary>Completes when the connection has ended, closed by either side or dropped. This client never reconnects by itself.</summary>
    public Task Closed => receiving ?? Task.CompletedTask;

    /// <summary>Calls a hub method and returns its result; throws <see cref="HubCallException"/> with the server's message when it refuses.</summary>
    public async Task<JsonNode?> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = completion;
        var message = new JsonObject
        {
            ["type"] = 1,
            ["invocationId"] = id,
            ["target"] = target,
            ["arguments"] = JsonSerializer.SerializeToNode(arguments),
        };
        await SendAsync(message.ToJsonString());
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The next event the server sent with this target (others are skipped).</summary>
    public async Task<JsonArray> NextEventAsync(string target, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var (name, arguments) = await events.Reader.ReadAsync(cancel.Token);
            if (name == target)
            {
                return arguments;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // The server may already have gone (a restart test).
            }
        }

        if (receiving is not null)
        {
            await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        socket.Dispose();
        stop.Dispose();
    }

    private Task SendAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private readonly StringBuilder buffer = new();

    /// <summary>Reads until one whole record (up to a separator) is buffered.</summary>
    private async Task<string?> ReceiveRecordAsync(CancellationToken cancel)
    {
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var text = buffer.ToString();
            var end = text.IndexOf(Separator, StringComparison.Ordinal);
            if (end >= 0)
            {
                buffer.Remove(0, end + 1);
                return text[..end];
            }

            var read = await socket.ReceiveAsync(chunk, cancel);
            if (read.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Append(Encoding.UTF8.GetString(chunk, 0, read.Count));
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancel)
    {
        try
        {
            while (await ReceiveRecordAsync(cancel) is { } record)
            {
                var node = JsonNode.Parse(record)!.AsObject();
                switch (node["type"]?.GetValue<int>())
                {
                    case 1:
                        events.Writer.TryWrite((node["target"]!.GetValue<string>(), node["arguments"]!.AsArray()));
                        break;
                    case 3 when node["invocationId"]?.GetValue<string>() is { } id && pending.TryRemove(id, out var done):
                        if (node["error"] is { } error)
                        {
                            done.TrySetException(new HubCallException(error.GetValue<string>()));
                        }
                        else
                        {
                            done.TrySetResult(node["result"]);
                        }

                        break;
                    case 7:
                        return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closing, or the server went away.
        }
        finally
        {
            foreach (var waiting in pending.Values)
            {
                waiting.TrySetException(new HubCallException("connection closed"));
            }
        }
    }
}

/// <summary>The hub refused a call; the message is the server's.</summary>
public sealed class HubCallException(string message) : Exception(message);
