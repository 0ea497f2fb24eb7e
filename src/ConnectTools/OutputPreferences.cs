using System;
using System.Management.Automation;

namespace ConnectTools.Commands
{
    /// <summary>The caller's wishes for the verbose, debug and progress streams, as a compiled cmdlet must read them.</summary>
    internal sealed class OutputPreferences
    {
        private readonly PSCmdlet _cmdlet;

        internal OutputPreferences(PSCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
            var bound = cmdlet.MyInvocation.BoundParameters;
            // PowerShell makes -Debug alone turn a compiled cmdlet's verbose messages into prompts (Inquire), which
            // stops a runbook with "NonInteractive mode" errors; -Debug without -Verbose therefore leaves them out.
            VerboseOff = bound.ContainsKey("Debug") && !bound.ContainsKey("Verbose");
            DebugOn = bound.ContainsKey("Debug")
                ? ((SwitchParameter)bound["Debug"]).IsPresent
                : Preference("DebugPreference") is ActionPreference d && d != ActionPreference.SilentlyContinue && d != ActionPreference.Ignore;
        }

        /// <summary>Verbose messages are left out (-Debug without -Verbose).</summary>
        internal bool VerboseOff { get; }

        /// <summary>Debug messages (each HTTP attempt, each credential fetch) are written.</summary>
        internal bool DebugOn { get; }

        /// <summary>True when $ProgressPreference lets progress show (so hidden progress costs nothing).</summary>
        internal bool ProgressVisible =>
            !(Preference("ProgressPreference") is ActionPreference p) || (p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore);

        /// <summary>A preference variable as the caller's scope sees it; a plain string ('Continue') counts too.</summary>
        private ActionPreference? Preference(string name)
        {
            object? value = _cmdlet.GetVariableValue(name);
            if (value is PSObject pso) value = pso.BaseObject;
            if (value is ActionPreference preference) return preference;
            return value != null && Enum.TryParse(value.ToString(), ignoreCase: true, out ActionPreference parsed) ? parsed : (ActionPreference?)null;
        }
    }
}
