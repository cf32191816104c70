using MudBlazor;

namespace CommitLab.Web.Components.Layout;

/// <summary>
/// MudBlazor's palettes in CommitLab's colours. The values are the design tokens of site.css (light
/// and dark), so a MudBlazor button and a hand-styled panel on a page not yet converted read as one
/// scheme; every text colour keeps at least 4.5:1 against the surfaces it sits on.
/// </summary>
public static class CommitLabTheme
{
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Noto Sans", "Liberation Sans", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f4fd8",
            PrimaryDarken = "#2541b8",
            PrimaryContrastText = "#ffffff",
            Secondary = "#4b5366",
            SecondaryContrastText = "#ffffff",
            Success = "#116b3c",
            Warning = "#8a4b00",
            Error = "#b4102f",
            Info = "#1b5fc4",
            Background = "#f5f7fb",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#161b26",
            DrawerBackground = "#ffffff",
            DrawerText = "#161b26",
            TextPrimary = "#161b26",
            TextSecondary = "#4b5366",
            ActionDefault = "#4b5366",
            LinesDefault = "#dde2ec",
            LinesInputs = "#9aa3b5",
            TableLines = "#dde2ec",
            Divider = "#dde2ec",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8fa6ff",
            PrimaryDarken = "#a9bbff",
            PrimaryContrastText = "#0b0f1a",
            Secondary = "#aab2c3",
            SecondaryContrastText = "#0b0f1a",
            Success = "#5fd49a",
            SuccessContrastText = "#0b0f1a",
            Warning = "#f3b55f",
            WarningContrastText = "#0b0f1a",
            Error = "#ff8a9c",
            ErrorContrastText = "#0b0f1a",
            Info = "#8fb8ff",
            InfoContrastText = "#0b0f1a",
            Background = "#0e1117",
            Surface = "#161b24",
            AppbarBackground = "#161b24",
            AppbarText = "#e8ebf2",
            DrawerBackground = "#161b24",
            DrawerText = "#e8ebf2",
            TextPrimary = "#e8ebf2",
            TextSecondary = "#aab2c3",
            ActionDefault = "#aab2c3",
            LinesDefault = "#2a3240",
            LinesInputs = "#5c667a",
            TableLines = "#2a3240",
            Divider = "#2a3240",
        },
        Typography = new Typography
        {
            // No web font: the CSP allows fonts only from this server, and the system font reads well on a projector.
            Default = new DefaultTypography { FontFamily = FontStack },
            Button = new ButtonTypography { FontFamily = FontStack, TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
