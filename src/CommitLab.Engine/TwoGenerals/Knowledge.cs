using System.Text;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// The sentences of the story: the nested "knows that" ladder the emails build, and why it never
/// reaches the top.
/// </summary>
public static class Knowledge
{
    /// <summary>What Sam's proposal says; every rung of the ladder wraps this.</summary>
    public const string Proposal = "Sam wants to eat outside";

    /// <summary>
    /// The fact that email <paramref name="depth"/> adds once it and every email before it arrived.
    /// Each arrival wraps the previous fact in "[reader] knows that ...".
    /// </summary>
    public static KnowledgeFact Fact(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var text = new StringBuilder();
        for (var number = depth; number >= 1; number--)
        {
            text.Append(Email.ReceiverOf(number)).Append(" knows that ");
        }

        text.Append(Proposal).Append('.');
        return new KnowledgeFact(depth, Email.ReceiverOf(depth), text.ToString());
    }

    /// <summary>
    /// Why the writer of the last email can never be sure it arrived, whatever the number of emails:
    /// nothing answers it, so the writer's inbox at noon is the same either way.
    /// </summary>
    public static string LastSenderDoubt(int emails)
    {
        LunchPlan.CheckEmails(emails, nameof(emails));
        var writer = Email.SenderOf(emails);
        var reader = Email.ReceiverOf(emails);
        var pronoun = writer == Person.Sam ? "he" : "she";
        var possessive = writer == Person.Sam ? "his" : "her";
        return
            $"{writer} writes the last email, number {emails}, and nothing is sent back in reply. " +
            $"At noon {possessive} inbox looks exactly the same whether {reader} read it or not, so {pronoun} can never know it arrived. " +
            $"A protocol with {emails + 1} emails only moves the doubt: then {reader} writes the last one and is left wondering. " +
            "No protocol at all, not even one that decides how many emails to send as it goes, " +
            "guarantees that both go outside together when emails can be lost.";
    }
}
