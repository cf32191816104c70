namespace CommitLab.Web.Classroom.Cluster;

/// <summary>Places rooms through their grains; see <see cref="IRoomPlacement"/>.</summary>
public sealed class GrainRoomPlacement(IGrainFactory grains, ILocalSiloDetails silo) : IRoomPlacement
{
    /// <summary>Said when the room's grain is active on another instance of the cluster.</summary>
    public const string Elsewhere = "This room is running on another instance of the server right now; try again in a moment.";

    public string? Place(string roomId, string? holder)
    {
        // Callers are synchronous (page initialisation, the service's own lookups). The call starts
        // on the thread pool: started on a Blazor circuit's thread, its continuations would queue
        // behind the very thread waiting for them.
        var reply = Task.Run(() => grains.GetGrain<IRoomGrain>(roomId).Host(holder)).GetAwaiter().GetResult();
        if (reply.Problem is not null)
        {
            return reply.Problem;
        }

        return reply.Silo == silo.SiloAddress.ToParsableString() ? null : Elsewhere;
    }
}
