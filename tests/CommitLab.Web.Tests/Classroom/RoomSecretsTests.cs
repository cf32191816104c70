using CommitLab.Web.Classroom;
using Microsoft.AspNetCore.WebUtilities;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>Instructor tokens and join codes: long enough, random, compared safely, typed forgivingly.</summary>
public sealed class RoomSecretsTests
{
    [Fact]
    public void A_token_is_43_base64url_characters_carrying_256_bits()
    {
        var token = RoomSecrets.NewToken();

        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(32, WebEncoders.Base64UrlDecode(token).Length);
    }

    [Fact]
    public void Every_token_is_different()
    {
        var tokens = Enumerable.Range(0, 1_000).Select(_ => RoomSecrets.NewToken()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1_000, tokens.Count);
    }

    [Fact]
    public void A_token_matches_its_own_hash_only()
    {
        var token = RoomSecrets.NewToken();
        var hash = RoomSecrets.HashToken(token);

        Assert.True(RoomSecrets.TokenMatches(token, hash));
        Assert.False(RoomSecrets.TokenMatches(RoomSecrets.NewToken(), hash));
        Assert.False(RoomSecrets.TokenMatches(token[..^1], hash));
        Assert.False(RoomSecrets.TokenMatches(token.ToUpperInvariant() + "x", hash));
        Assert.False(RoomSecrets.TokenMatches(" " + token, hash));
        Assert.False(RoomSecrets.TokenMatches("", hash));
        Assert.False(RoomSecrets.TokenMatches(null, hash));
        Assert.False(RoomSecrets.TokenMatches(new string('A', 1_000_000), hash));
    }

    [Fact]
    public void The_hash_kept_in_the_database_is_not_the_token()
    {
        var token = RoomSecrets.NewToken();

        Assert.Equal(32, RoomSecrets.HashToken(token).Length);
        Assert.NotEqual(WebEncoders.Base64UrlDecode(token), RoomSecrets.HashToken(token));
    }

    [Fact]
    public void A_join_code_is_six_characters_from_the_alphabet_without_look_alikes()
    {
        Assert.DoesNotContain('0', RoomSecrets.CodeAlphabet);
        Assert.DoesNotContain('O', RoomSecrets.CodeAlphabet);
        Assert.DoesNotContain('1', RoomSecrets.CodeAlphabet);
        Assert.DoesNotContain('I', RoomSecrets.CodeAlphabet);
        Assert.DoesNotContain('L', RoomSecrets.CodeAlphabet);

        var codes = Enumerable.Range(0, 200).Select(_ => RoomSecrets.NewCode()).ToList();

        Assert.All(codes, code =>
        {
            Assert.Equal(6, code.Length);
            Assert.All(code, c => Assert.Contains(c, RoomSecrets.CodeAlphabet));
        });
        Assert.True(codes.Distinct(StringComparer.Ordinal).Count() > 190, "codes should rarely repeat");
    }

    [Theory]
    [InlineData("abc-234")]
    [InlineData(" ABC 234 ")]
    [InlineData("ABC234")]
    [InlineData("a-b-c-2-3-4")]
    public void A_code_is_accepted_as_typed_on_a_phone(string typed) =>
        Assert.Equal("ABC234", RoomSecrets.NormalizeCode(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ABC23")]
    [InlineData("ABC2345")]
    [InlineData("ABC-23O")]
    [InlineData("ABC-230")]
    [InlineData("ABC-231")]
    [InlineData("ABI-234")]
    [InlineData("ABL-234")]
    [InlineData("ABC_234")]
    [InlineData("ABC;23")]
    [InlineData("<b>ABC")]
    [InlineData("' OR 1=1")]
    [InlineData("ÄBC234")]
    public void Junk_is_never_a_code(string? typed) => Assert.Null(RoomSecrets.NormalizeCode(typed));

    [Fact]
    public void A_long_paste_is_refused_without_reading_it()
    {
        Assert.Null(RoomSecrets.NormalizeCode("ABC234" + new string(' ', 30)));
        Assert.Null(RoomSecrets.NormalizeCode(new string('-', 1_000_000) + "ABC234"));
    }

    [Fact]
    public void A_code_is_shown_as_two_groups_of_three()
    {
        Assert.Equal("ABC-234", RoomSecrets.Display("ABC234"));
        Assert.Equal("ABC-234", RoomSecrets.Display(RoomSecrets.NormalizeCode(" abc 234 ")!));
    }
}
