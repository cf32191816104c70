namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>What became of a message, as far as the diagram's position in the trace knows.</summary>
public enum ArrowStatus
{
    /// <summary>It arrived: the arrow ends on the receiver's lane at the delivery tick.</summary>
    Delivered,

    /// <summary>It was lost (network, cut link, receiver down, a fault): the arrow ends where it vanished, drawn with an X.</summary>
    Dropped,

    /// <summary>Still on its way at the cursor: the arrow is partial and ends at the cursor.</summary>
    InFlight,
}
