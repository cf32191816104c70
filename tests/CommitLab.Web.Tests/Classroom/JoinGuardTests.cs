using CommitLab.Web.Classroom;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>
/// Join codes against guessing from many addresses: a server-wide budget of wrong codes, clients
/// that guessed wrong silenced past it (except for rooms their address already got into), and an
/// IPv6 /64 counted as one client.
/// </summary>
public sealed class JoinGuardTests : IDisposable
{
    private readonly ClassroomHarness classroom = new(new ClassroomOptions { WrongCodesPerWindow = 10, FailedJoinsPerWindow = 5 });

    public void Dispose() => classroom.Dispose();

    private static string Wrong(string code, int i) => code.StartsWith("ZZ", StringComparison.Ordinal) ? $"YY{i:0000}".Replace('0', '2').Replace('1', '3') : $"ZZ{i:0000}".Replace('0', '2').Replace('1', '3');

    [Fact]
    public void Past_the_server_wide_budget_guessers_are_not_heard_while_fresh_and_known_clients_are()
    {
        var (room, _) = classroom.Open(client: "198.51.100.1");
        var (known, _) = classroom.Open(client: "198.51.100.2");
        Assert.True(classroom.Service.Join(known.Code, "Ada", "192.0.2.9").Joined);

        // Ten addresses, one wrong guess each: the server's budget for the minute is spent.
        for (var i = 0; i < 10; i++)
        {
            Assert.Contains("No room", classroom.Service.Join(Wrong(room.Code, i), "Bot", $"192.0.2.{10 + i}").Error, StringComparison.Ordinal);
        }

        // A guesser is no longer heard, even with a right code: that is what keeps guessing slow.
        var held = classroom.Service.Join(room.Code, "Bot", "192.0.2.10");
        Assert.False(held.Joined);
        Assert.Equal("Too many wrong codes are being tried on this server. Wait 60 s before trying again.", held.Error);
        Assert.Equal(TimeSpan.FromMinutes(1), held.RetryAfter);
        Assert.Contains(classroom.Log.Warnings, w => w.StartsWith("Join held for 192.0.2.10", StringComparison.Ordinal));

        // A client that guessed nothing is heard; so is a guesser for a room its address already got into.
        Assert.True(classroom.Service.Join(room.Code, "Grace", "203.0.113.50").Joined);
        Assert.Contains("No room", classroom.Service.Join(Wrong(room.Code, 99), "Mistyped", "192.0.2.9").Error, StringComparison.Ordinal);
        Assert.True(classroom.Service.Join(known.Code, "Classmate", "192.0.2.9").Joined);

        // The instructor's own address opened the room, so students there are heard for it too.
        Assert.Contains("No room", classroom.Service.Join(Wrong(room.Code, 98), "Typo", "198.51.100.1").Error, StringComparison.Ordinal);
        Assert.True(classroom.Service.Join(room.Code, "Beside the instructor", "198.51.100.1").Joined);

        classroom.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(classroom.Service.Join(room.Code, "Bot, later", "192.0.2.10").Joined);
    }

    [Fact]
    public void Addresses_in_one_ipv6_64_share_one_limit()
    {
        var (room, _) = classroom.Open();
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("No room", classroom.Service.Join(Wrong(room.Code, i), "Eve", $"2001:db8:7:9::{i + 1:x}").Error, StringComparison.Ordinal);
        }

        Assert.Contains("Too many attempts", classroom.Service.Join(Wrong(room.Code, 7), "Eve", "2001:db8:7:9:ffff:1:2:3").Error, StringComparison.Ordinal);
        Assert.Contains("No room", classroom.Service.Join(Wrong(room.Code, 8), "Eve", "2001:db8:7:a::1").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.5", "203.0.113.5")]
    [InlineData("::ffff:203.0.113.5", "203.0.113.5")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    [InlineData(null, "unknown")]
    [InlineData("not an address", "not an address")]
    public void A_client_is_its_ipv4_address_or_its_ipv6_64(string? address, string key) =>
        Assert.Equal(key, ClientAddress.Key(address));
}
