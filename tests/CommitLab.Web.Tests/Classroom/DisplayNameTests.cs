using System.Diagnostics;
using System.Globalization;
using CommitLab.Web.Classroom;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>Names students type, cleaned so the instructor's list shows readable, harmless text.</summary>
public sealed class DisplayNameTests
{
    [Theory]
    [InlineData("  Ada   Lovelace  ", "Ada Lovelace")]
    [InlineData("Ada\u00A0\u00A0Lovelace", "Ada Lovelace")]
    [InlineData("Grace", "Grace")]
    [InlineData("José Ñúñez", "José Ñúñez")]
    [InlineData("李小龍", "李小龍")]
    public void Spaces_are_trimmed_and_collapsed(string typed, string shown) =>
        Assert.Equal(shown, DisplayName.Clean(typed, 40));

    [Theory]
    [InlineData("Ada\tLovelace")]
    [InlineData("Ada\nLovelace")]
    [InlineData("Ada\r\n Lovelace")]
    [InlineData("Ada\u2028Lovelace")]
    public void A_tab_or_line_break_between_words_leaves_one_space(string typed) =>
        Assert.Equal("Ada Lovelace", DisplayName.Clean(typed, 40));

    [Theory]
    [InlineData("\u202EnaeS", "naeS")]
    [InlineData("Ad\u200Da", "Ada")]
    [InlineData("A\u200Bd\u200Ba", "Ada")]
    [InlineData("\uFEFFAda", "Ada")]
    [InlineData("Ada\u0007\u0000", "Ada")]
    [InlineData("Ada\uE000", "Ada")]
    public void Invisible_and_direction_changing_characters_are_removed(string typed, string shown) =>
        Assert.Equal(shown, DisplayName.Clean(typed, 40));

    [Fact]
    public void A_long_name_is_cut_at_the_limit()
    {
        Assert.Equal(new string('a', 40), DisplayName.Clean(new string('a', 100), 40));
        Assert.Equal("Ada", DisplayName.Clean("Ada Lovelace", 4));
    }

    [Fact]
    public void The_cut_counts_an_emoji_as_one_character_and_never_splits_it()
    {
        var cut = DisplayName.Clean("😀😀😀😀😀", 3);

        Assert.Equal("😀😀😀", cut);
    }

    [Theory]
    [InlineData("👍🏽👍🏽👍🏽👍🏽")]
    [InlineData("🇫🇷🇩🇪🇮🇹🇪🇸")]
    [InlineData("e\u0301e\u0301e\u0301e\u0301")]
    public void The_cut_keeps_whole_text_elements(string typed)
    {
        var cut = DisplayName.Clean(typed, 3)!;

        var whole = new StringInfo(typed).SubstringByTextElements(0, 3);
        Assert.Equal(whole, cut);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("\t\n")]
    [InlineData("\u202E\u200B\u200D")]
    public void Nothing_visible_is_no_name(string? typed) => Assert.Null(DisplayName.Clean(typed, 40));

    [Fact]
    public void A_megabyte_paste_is_cleaned_quickly()
    {
        var huge = string.Concat(Enumerable.Repeat("Ada \u200D\u202E ", 150_000));
        var timer = Stopwatch.StartNew();

        var name = DisplayName.Clean(huge, 40);

        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(1), $"took {timer.Elapsed}");
        Assert.NotNull(name);
        Assert.StartsWith("Ada Ada", name, StringComparison.Ordinal);
        Assert.True(new StringInfo(name).LengthInTextElements <= 40);
    }

    [Fact]
    public void A_megabyte_of_accents_on_one_letter_is_cleaned_quickly()
    {
        var huge = "a" + new string('\u0301', 1_000_000);
        var timer = Stopwatch.StartNew();

        var name = DisplayName.Clean(huge, 40);

        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(1), $"took {timer.Elapsed}");
        Assert.NotNull(name);
        Assert.Equal(1, new StringInfo(name).LengthInTextElements);
    }

    [Fact]
    public void Hundreds_of_combining_marks_on_one_letter_keep_only_a_few()
    {
        var name = DisplayName.Clean("Z" + string.Concat(Enumerable.Repeat("\u0301\u0316\u0339", 100)) + "oe", 40)!;

        Assert.Equal("Z\u0301\u0316\u0339\u0301oe", name);
        Assert.Equal(3, new StringInfo(name).LengthInTextElements);
        Assert.Equal("a\u0301\u0301\u0301\u0301", DisplayName.Clean("a" + new string('\u0301', 1_000), 40));
    }

    [Theory]
    [InlineData("👩‍👩‍👧‍👦")]
    [InlineData("🧑🏽‍🚀")]
    [InlineData("🏳️‍🌈")]
    [InlineData("Ada 👩‍💻")]
    public void Emoji_joined_by_zero_width_joiners_stay_whole(string typed) => Assert.Equal(typed, DisplayName.Clean(typed, 40));

    [Fact]
    public void An_emoji_family_counts_as_one_character_toward_the_limit()
    {
        var cut = DisplayName.Clean("👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦", 2);

        Assert.Equal("👩‍👩‍👧‍👦👩‍👩‍👧‍👦", cut);
    }

    [Fact]
    public void The_name_is_cut_at_the_byte_limit_on_a_whole_character()
    {
        // 40 families of 25 bytes each would be 1,000 bytes; six fit in 160.
        var cut = DisplayName.Clean(string.Concat(Enumerable.Repeat("👩‍👩‍👧‍👦", 40)), 40)!;

        Assert.Equal(string.Concat(Enumerable.Repeat("👩‍👩‍👧‍👦", 6)), cut);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(cut) <= DisplayName.MaxBytes);
    }

    [Theory]
    [InlineData("\u0301\u0301\u0301")]
    [InlineData("\u200D\u200D")]
    [InlineData(" \u0301 ")]
    public void Marks_or_joiners_alone_are_no_name(string typed) => Assert.Null(DisplayName.Clean(typed, 40));
}
