namespace CommitLab.Web.Classroom.Cluster;

/// <summary>Places rooms through their grains; see <see cref="IRoomPlacement"/>.</summary>
public sealed class GrainRoomPlacement(IGrainFactory grains, ILocalSiloDetails silo) : IRoomPlacement
{
    public string? Place(string roomId, string? holder)
    {
        // Callers are synchronous (page initialisation, the service's own lookups). The call starts
        // on the thread pool: started on a Blazor circuit's thread, its continuations would queue
        // behind the very thread waiting for them.
        RoomPlacementReply reply;
        try
        {
            reply = Task.Run(() => grains.GetGrain<IRoomGrain>(roomId).Host(holder)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
        {
            return IRoomPlacement.NotAnswering;
        }

        if (reply.Problem is not null)
        {
            return reply.Problem;
        }

        return reply.Silo == silo.SiloAddress.ToParsableString() ? null : IRoomPlacement.Elsewhere;
    }
}
