using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace ConnectTools.Module.Tests
{
    /// <summary>Finds pwsh on PATH and checks it has Pester 5 or later. Decided once per test run.</summary>
    internal static class PwshLocator
    {
        private static readonly Lazy<(string? Path, string? PesterVersion, string Reason)> Found = new Lazy<(string?, string?, string)>(Locate);

        internal static string? Pwsh => Found.Value.Path;
        internal static string? PesterVersion => Found.Value.PesterVersion;

        /// <summary>Why the Pester suite cannot run here; null when it can.</summary>
        internal static string? SkipReason => Found.Value.Path != null && Found.Value.PesterVersion != null ? null : Found.Value.Reason;

        private static (string?, string?, string) Locate()
        {
            string exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "pwsh.exe" : "pwsh";
            string? path = null;
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(dir, exe);
                if (File.Exists(candidate)) { path = candidate; break; }
            }
            if (path == null)
                return (null, null, "Pester suite SKIPPED: pwsh (PowerShell 7) is not on PATH. Install PowerShell 7 and Pester 5 (Install-Module Pester -MinimumVersion 5.0) to run tests/*.Tests.ps1 against the built module.");

            var psi = new ProcessStartInfo(path, "-NoProfile -NonInteractive -Command \"$m = Get-Module -ListAvailable Pester | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending | Select-Object -First 1; if ($m) { $m.Version.ToString() }\"")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(60000);
            if (string.IsNullOrEmpty(output))
                return (path, null, "Pester suite SKIPPED: pwsh was found at " + path + " but Pester 5 or later is not installed. Install it with: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser");
            return (path, output, "");
        }
    }
}
