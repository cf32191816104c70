namespace CommitLab.Engine.TwoGenerals;

/// <summary>Where someone eats at noon.</summary>
public enum LunchPlace
{
    /// <summary>The agreed default: anyone unsure ends up here.</summary>
    Cafeteria,

    /// <summary>The sandwich stand in the sun; only worth it if the other one comes too.</summary>
    Outside,
}
