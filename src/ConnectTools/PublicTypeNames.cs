using System;
using System.Reflection;

namespace ConnectTools.Commands
{
    /// <summary>
    /// PowerShell 7 resolves type names ([ConnectTools.ConnectUser]) only among the default load context's assemblies,
    /// and ConnectTools.Core lives in ConnectTools' private one: so the types users name (the output objects and their
    /// parts, the errors to catch; with them, for one consistent list, the identity types of -InstanceId and -UserId from
    /// this assembly) are made known by their full names as type accelerators while the module is loaded. Named one by
    /// one with typeof (no scan of the assemblies' types), from compiled code at import: the same work in a root script
    /// module cost the import some 200 JIT-compiled methods of PowerShell's script compiler and binders.
    /// </summary>
    internal static class PublicTypeNames
    {
        internal static readonly Type[] Types =
        {
            typeof(ConnectInstance), typeof(InstanceStatusReason), typeof(ReplicationConfiguration), typeof(ReplicationStatusSummary),
            typeof(ConnectUserBase), typeof(ConnectUser), typeof(ConnectUserSummary), typeof(UserIdentityInfo), typeof(UserIdentityInfoLite),
            typeof(UserPhoneConfig), typeof(AutoAcceptConfig), typeof(AfterContactWorkConfigPerChannel), typeof(AfterContactWorkConfig),
            typeof(PhoneNumberConfig), typeof(PersistentConnectionConfig), typeof(VoiceEnhancementConfig),
            typeof(ConnectServiceException), typeof(ConnectInputException), typeof(ConnectConfigurationException), typeof(ConnectRegions),
            typeof(ConnectIdentity), typeof(ConnectInstanceIdentity), typeof(ConnectUserIdentity),
        };

        /// <summary>Adds the accelerators; an accelerator of the same name (a second copy of the module) is replaced.</summary>
        internal static void Add()
        {
            var add = Accelerators()?.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Type) }, null);
            if (add == null) return;
            foreach (var type in Types) add.Invoke(null, new object[] { type.FullName!, type });
        }

        /// <summary>Removes the accelerators that still name this module's types (not those another copy registered since).</summary>
        internal static void Remove()
        {
            var accelerators = Accelerators();
            var remove = accelerators?.GetMethod("Remove", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null);
            var get = accelerators?.GetProperty("Get", BindingFlags.Public | BindingFlags.Static);
            if (remove == null || get == null) return;
            var current = get.GetValue(null) as System.Collections.Generic.IDictionary<string, Type>;
            foreach (var type in Types)
            {
                if (current != null && current.TryGetValue(type.FullName!, out var registered) && registered != type) continue;
                remove.Invoke(null, new object[] { type.FullName! });
            }
        }

        /// <summary>PowerShell's (internal) System.Management.Automation.TypeAccelerators; null where it is not (never seen).</summary>
        private static Type? Accelerators() => typeof(System.Management.Automation.PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
    }
}
