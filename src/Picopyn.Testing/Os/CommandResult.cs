namespace Picopyn.Testing.Os;

/// <summary>What a finished external command printed and returned.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Both streams, trimmed, for an error message.</summary>
    public string Output => (StandardOutput.Trim() + Environment.NewLine + StandardError.Trim()).Trim();
}
