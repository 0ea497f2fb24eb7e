using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ConnectTools.Module.Tests
{
    /// <summary>
    /// The PowerShell the Pester suite runs in: the version pinned in .config/dotnet-tools.json, restored by
    /// `dotnet tool restore` when it is missing. A pwsh on PATH is used only when it is exactly that version.
    /// Decided once per test run; when it cannot be had, <see cref="Failure"/> says why (the suite then fails).
    /// </summary>
    internal static class PwshLocator
    {
        private static readonly Lazy<Located> Found = new Lazy<Located>(Locate);

        internal sealed class Located
        {
            internal string? FileName;
            internal string[] PrefixArguments = Array.Empty<string>();
            internal string? Description;
            internal string? Failure;
        }

        /// <summary>Why pwsh cannot be run; null when it can.</summary>
        internal static string? Failure => Found.Value.Failure;

        /// <summary>What runs: "pwsh 7.6.9 at ..." for the log.</summary>
        internal static string Description => Found.Value.Description ?? "";

        /// <summary>The PowerShell version the repository pins (the `powershell` tool of .config/dotnet-tools.json).</summary>
        internal static string PinnedVersion
        {
            get
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.ToolManifest));
                return doc.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()!;
            }
        }

        /// <summary>A start info for the pinned pwsh with these arguments.</summary>
        internal static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
        {
            var found = Found.Value;
            if (found.Failure != null) throw new InvalidOperationException(found.Failure);
            var psi = new ProcessStartInfo(found.FileName!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in found.PrefixArguments) psi.ArgumentList.Add(a);
            foreach (var a in arguments) psi.ArgumentList.Add(a);
            return psi;
        }

        private static Located Locate()
        {
            string pinned;
            try { pinned = PinnedVersion; }
            catch (Exception e) { return new Located { Failure = "Cannot read the pinned PowerShell version from " + RepoPaths.ToolManifest + ": " + e.Message }; }

            const string probe = "$PSVersionTable.PSVersion.ToString(); Join-Path $PSHOME 'pwsh.dll'";

            // A developer's own pwsh, when it is exactly the pinned version.
            string? onPath = FindOnPath(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "pwsh.exe" : "pwsh");
            if (onPath != null)
            {
                var (code, output) = Run(onPath, new[] { "-NoProfile", "-NonInteractive", "-Command", probe }, RepoPaths.Root);
                string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (code == 0 && lines.Length > 0 && lines[0] == pinned)
                    return new Located { FileName = onPath, Description = "pwsh " + pinned + " on PATH at " + onPath };
            }

            // The pinned dotnet tool: restore it (a no-op when it is there), then run its pwsh.dll directly with the
            // dotnet host, so the suite's child is one process (the tool's shim would add two around it).
            string dotnet = DotnetHost();
            var (restoreCode, restoreOutput) = Run(dotnet, new[] { "tool", "restore" }, RepoPaths.Root);
            if (restoreCode != 0)
                return new Located { Failure = "`dotnet tool restore` failed (exit " + restoreCode + "), so PowerShell " + pinned + " (pinned in .config/dotnet-tools.json) is not available:\n" + restoreOutput };
            var (runCode, runOutput) = Run(dotnet, new[] { "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command", probe }, RepoPaths.Root);
            string[] probeLines = runOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (runCode != 0 || probeLines.Length < 2)
                return new Located { Failure = "`dotnet tool run pwsh` failed (exit " + runCode + "):\n" + runOutput };
            if (probeLines[0] != pinned)
                return new Located { Failure = "`dotnet tool run pwsh` runs PowerShell " + probeLines[0] + ", not the pinned " + pinned + "." };
            string dll = probeLines[1];
            if (!File.Exists(dll))
                return new Located { Failure = "The pinned pwsh reports its assembly at " + dll + ", which does not exist." };
            return new Located { FileName = dotnet, PrefixArguments = new[] { dll }, Description = "pwsh " + pinned + " (dotnet tool) at " + dll };
        }

        /// <summary>The dotnet host running this test (so the same SDK and runtime), else `dotnet` from PATH.</summary>
        internal static string DotnetHost()
        {
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
            string? current = Environment.ProcessPath;
            if (current != null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return current;
            return FindOnPath(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet") ?? "dotnet";
        }

        private static string? FindOnPath(string exe)
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(dir, exe);
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        private static (int Code, string Output) Run(string fileName, IEnumerable<string> arguments, string workingDirectory)
        {
            var psi = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            foreach (var a in arguments) psi.ArgumentList.Add(a);
            try
            {
                using var p = Process.Start(psi)!;
                var err = p.StandardError.ReadToEndAsync();
                string output = p.StandardOutput.ReadToEnd();
                if (!p.WaitForExit(300_000)) { p.Kill(entireProcessTree: true); return (-1, output + "\n(timed out after 300 s)"); }
                return (p.ExitCode, output + err.Result);
            }
            catch (Exception e)
            {
                return (-1, e.Message);
            }
        }
    }
}
