using Microsoft.AspNetCore.SignalR;

namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// Logs what a hub method threw that was not a refusal. SignalR's own dispatcher logs every
/// exception from a hub method at Error with its stack trace, <see cref="HubException"/> included:
/// a refused call is expected (a student pressing an instructor button, a wrong code) and the hub
/// already logs it in one line, so Program.cs turns the dispatcher's log off and this filter keeps
/// the real failures (bugs) in the log, once each, with their stack trace.
/// </summary>
public sealed class HubErrorLog(ILogger<HubErrorLog> log) : IHubFilter
{
    /// <summary>The log category SignalR's dispatcher writes under, quieted in Program.cs.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            log.LogError(e, "Hub method {Method} failed on connection {Connection}", invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            throw;
        }
    }
}
