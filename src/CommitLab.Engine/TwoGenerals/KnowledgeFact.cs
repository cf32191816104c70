namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// One rung of the knowledge ladder: what someone has learned once email <see cref="Depth"/> reached
/// them, for example "Sam knows that Jill knows that Sam wants to eat outside" at depth 2.
/// </summary>
/// <param name="Depth">How many emails in a row, from the proposal on, have arrived; also how many "knows that" the sentence nests.</param>
/// <param name="Knower">Who has learned it: the reader of email <see cref="Depth"/>.</param>
/// <param name="Text">The whole sentence, in plain English.</param>
public sealed record KnowledgeFact(int Depth, Person Knower, string Text);
