using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ConnectTools.Module.Tests
{
    internal static class RepoPaths
    {
        private static string Metadata(string key) =>
            typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;

        internal static string Root => Metadata("RepoRoot");
        internal static string ModuleVersion => Metadata("ModuleVersion");
        internal static string ModuleDir => Path.Combine(Root, "out", "ConnectTools", ModuleVersion);
        internal static string Manifest => Path.Combine(ModuleDir, "ConnectTools.psd1");
        internal static string TestsDir => Path.Combine(Root, "tests");
        internal static string EmulatorDll => Path.Combine(AppContext.BaseDirectory, "ConnectTools.Emulator.dll");
        internal static string ToolManifest => Path.Combine(Root, ".config", "dotnet-tools.json");
        internal static string PesterVersion => Metadata("PesterVersion");
        /// <summary>The folder put first on the child pwsh's PSModulePath: Modules/Pester/&lt;version&gt;/, staged by the build from the Pester package.</summary>
        internal static string TestModulesDir => Path.Combine(AppContext.BaseDirectory, "Modules");
    }
}
