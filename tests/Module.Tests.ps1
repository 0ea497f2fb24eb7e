# The module as PowerShell sees it: manifest, exports, import cost, output types, completers, help, and the
# private load context (tests/AwsToolsInterop.Tests.ps1 covers living beside AWS Tools).

BeforeDiscovery {
    $script:CmdletNames = @('Get-ConnectInstance', 'Get-ConnectUser')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Invoke-ChildPwsh {
        <# Runs a script in a fresh pwsh -NoProfile with the given environment; returns @{ ExitCode; Output } (stdout and stderr). #>
        param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{}, [int] $TimeoutSec = 120)
        $psi = New-PwshStartInfo -Script $Script
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
        $p = [System.Diagnostics.Process]::Start($psi)
        $stderr = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        if (-not $p.WaitForExit($TimeoutSec * 1000)) { $p.Kill($true); throw "The child pwsh did not finish in $TimeoutSec s." }
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $stdout + $stderr.Result }
    }
}

Describe 'Manifest and exports' {
    It 'the manifest is valid and exports exactly the two cmdlets, no functions, aliases or variables' {
        $m = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop
        @($m.ExportedCmdlets.Keys | Sort-Object) | Should -Be @('Get-ConnectInstance', 'Get-ConnectUser')
        $m.ExportedFunctions.Count | Should -Be 0
        $m.ExportedAliases.Count | Should -Be 0
        $m.ExportedVariables.Count | Should -Be 0
        $data = Import-PowerShellDataFile -LiteralPath $ModuleManifest
        @($data.FunctionsToExport).Count | Should -Be 0
        @($data.AliasesToExport).Count | Should -Be 0
        @($data.VariablesToExport).Count | Should -Be 0
        $data.FormatsToProcess | Should -Be 'ConnectTools.format.ps1xml'
    }

    It 'the imported module exports exactly the two cmdlets' {
        $mod = Get-Module -Name ConnectTools
        $mod | Should -Not -BeNullOrEmpty
        # The cmdlet assembly is the root module: no script runs at import (a script module cost each fresh session's
        # import PowerShell's script compiler and binders).
        $mod.ModuleType | Should -Be 'Binary'
        (Import-PowerShellDataFile -LiteralPath $ModuleManifest).RootModule | Should -Be 'ConnectTools.dll'
        @(Get-ChildItem -LiteralPath $ModuleDir -Filter '*.psm1' -Recurse).Count | Should -Be 0
        @($mod.ExportedCommands.Keys | Sort-Object) | Should -Be @('Get-ConnectInstance', 'Get-ConnectUser')
        @($mod.ExportedCmdlets.Keys | Sort-Object) | Should -Be @('Get-ConnectInstance', 'Get-ConnectUser')
        $mod.ExportedFunctions.Count | Should -Be 0
        $mod.ExportedAliases.Count | Should -Be 0
        $mod.ExportedVariables.Count | Should -Be 0
        (Get-Command -Module ConnectTools | Measure-Object).Count | Should -Be 2
    }

    It '[OutputType] names the concrete types' {
        @((Get-Command Get-ConnectInstance).OutputType.Name) | Should -Be @('ConnectTools.ConnectInstance')
        @((Get-Command Get-ConnectUser).OutputType.Name | Sort-Object) | Should -Be @('ConnectTools.ConnectUser', 'ConnectTools.ConnectUserSummary')
    }

    It 'the identity parameters take pipeline input (by value for instance ids, by property name for both)' {
        $p = (Get-Command Get-ConnectInstance).Parameters['InstanceId'].ParameterSets['ById']
        $p.ValueFromPipeline | Should -BeTrue
        $p.ValueFromPipelineByPropertyName | Should -BeTrue
        $p.Position | Should -Be 0
        $u = (Get-Command Get-ConnectUser).Parameters
        $u['InstanceId'].ParameterSets['List'].ValueFromPipelineByPropertyName | Should -BeTrue
        $u['UserId'].ParameterSets['ById'].ValueFromPipelineByPropertyName | Should -BeTrue
        $u['InstanceId'].ParameterSets['List'].ValueFromPipeline | Should -BeTrue -Because 'a plain string piped in is an instance id'
        $u['InstanceId'].ParameterSets['List'].Position | Should -Be 0
        $u['UserId'].ParameterSets['ById'].Position | Should -Be 1
    }

    It 'the identity parameters are typed, and -Region is bound by property name too' {
        (Get-Command Get-ConnectInstance).Parameters['InstanceId'].ParameterType | Should -Be ([ConnectTools.ConnectInstanceIdentity[]])
        (Get-Command Get-ConnectUser).Parameters['InstanceId'].ParameterType | Should -Be ([ConnectTools.ConnectInstanceIdentity[]])
        (Get-Command Get-ConnectUser).Parameters['UserId'].ParameterType | Should -Be ([ConnectTools.ConnectUserIdentity[]])
        foreach ($name in 'Get-ConnectInstance', 'Get-ConnectUser') {
            $region = (Get-Command $name).Parameters['Region']
            $region.ParameterType | Should -Be ([string[]])
            $region.ParameterSets.Values | ForEach-Object { $_.ValueFromPipelineByPropertyName | Should -BeTrue }
        }
    }

    It 'an identity is parsed once, from an id, an ARN or an object' {
        $arn = 'arn:aws:connect:us-west-2:123456789012:instance/40c83b68-ea62-414c-97bb-d018e39e158e'
        $byArn = [ConnectTools.ConnectInstanceIdentity]$arn
        $byArn.InstanceId | Should -Be '40c83b68-ea62-414c-97bb-d018e39e158e'
        $byArn.Region | Should -Be 'us-west-2'
        $byArn.Error | Should -BeNullOrEmpty
        $row = [pscustomobject]@{ InstanceId = '40c83b68-ea62-414c-97bb-d018e39e158e'; Region = 'eu-west-2' }
        $byRow = [ConnectTools.ConnectInstanceIdentity]$row
        $byRow.Region | Should -Be 'eu-west-2'
        $byRow.RegionSource | Should -Be 'the Region of the piped object'
        ([ConnectTools.ConnectInstanceIdentity]'a/b').Error.Message | Should -Match "holds '/'"
        ([ConnectTools.ConnectUserIdentity]"$arn/agent/0c245dc0").InstanceId | Should -Be '40c83b68-ea62-414c-97bb-d018e39e158e'
        { [ConnectTools.ConnectInstanceIdentity][pscustomobject]@{ InstanceId = 'i'; UserId = 'u' } } | Should -Throw
    }
}

Describe 'Import-Module' {
    BeforeAll {
        $script:Emu = Start-TestEmulator -Users 3 -Arguments '--no-quotas'
    }
    AfterAll {
        Stop-TestEmulator $script:Emu
    }

    It 'imports light and makes no network call: it loads its own assemblies and nothing else (endpoint and EC2 metadata pointed at an emulator that counts requests)' {
        # What keeps an import fast is that it does nothing heavy: no network, no assembly beyond its own (the
        # System.* copies shipped for Windows PowerShell stay unloaded on PowerShell 7), and the warm-up it starts runs
        # on in-memory answers. The import time itself is a figure for the benchmark, not a test.
        Reset-EmulatorStats $Emu
        $script = @'
$moduleDir = Split-Path -Parent $env:CT_MANIFEST
Import-Module -Name $env:CT_MANIFEST -ErrorAction Stop
# The warm-up the import starts (in memory, on its own thread) is over before anything is counted.
$null = [ConnectTools.ConnectRegions].Assembly.GetType('ConnectTools.WarmUp.ConnectWarmUp', $true)::Running.GetAwaiter().GetResult()
'FROM-MODULE ' + ((@([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location -and
    $_.Location.StartsWith($moduleDir + [IO.Path]::DirectorySeparatorChar) } | ForEach-Object { $_.GetName().Name }) | Sort-Object -Unique) -join ',')
'COMMANDS ' + ((Get-Command -Module ConnectTools).Name -join ',')
'CMDLETS-FROM ' + [IO.Path]::GetRelativePath($moduleDir, (Get-Command Get-ConnectInstance).ImplementingType.Assembly.Location).Replace('\', '/')
'CORE-FROM ' + [IO.Path]::GetRelativePath($moduleDir, [ConnectTools.ConnectUser].Assembly.Location).Replace('\', '/')
'CORE-CONTEXT ' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([ConnectTools.ConnectUser].Assembly).GetType().FullName
'@
        $fakeHome = Join-Path $TestDrive 'import-home'
        $null = New-Item -ItemType Directory -Path $fakeHome -Force
        $r = Invoke-ChildPwsh -Script $script -Environment @{
            CT_MANIFEST = $ModuleManifest; HOME = $fakeHome
            AWS_ENDPOINT_URL = $Emu.Url; AWS_ENDPOINT_URL_CONNECT = $Emu.Url
            AWS_EC2_METADATA_SERVICE_ENDPOINT = $Emu.Url.TrimEnd('/'); AWS_EC2_METADATA_DISABLED = 'false'
            AWS_ACCESS_KEY_ID = $DemoAccessKey; AWS_SECRET_ACCESS_KEY = $DemoSecretKey; AWS_REGION = 'us-east-1'
        }
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match 'COMMANDS Get-ConnectInstance,Get-ConnectUser'
        $r.Output | Should -Match '(?m)^FROM-MODULE AWSSDK.Core,ConnectTools,ConnectTools.Core,ConnectTools.LoadContext$' -Because 'the import loads the module''s own assemblies only'
        # The cmdlet assembly is the root module, from the top folder; ConnectTools.Core comes from the private load context:
        # on PowerShell 7.6+ on a platform the module has precompiled (ReadyToRun) assemblies for, from those.
        $r.Output | Should -Match '(?m)^CMDLETS-FROM ConnectTools\.dll$'
        $folder = Get-ModuleAssemblyFolder
        $expected = if ($folder -eq (Join-Path $ModuleDir 'bin')) { 'bin/ConnectTools.Core.dll' } else { 'bin/' + (Split-Path -Leaf $folder) + '/ConnectTools.Core.dll' }
        if ($IsLinux -and [Environment]::Version.Major -ge 10 -and [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64') {
            $expected | Should -Be 'bin/linux-x64/ConnectTools.Core.dll' -Because 'the module ships precompiled assemblies for PowerShell 7.6+ on linux-x64'
        }
        $r.Output | Should -Match ('(?m)^CORE-FROM ' + [regex]::Escape($expected) + '$')
        $r.Output | Should -Match '(?m)^CORE-CONTEXT ConnectTools\.LoadContext\.ModuleLoadContext$'
        Start-Sleep -Milliseconds 200   # room for a request sent just before the child exited to be counted
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
    }
    It 'names the public types for PowerShell while loaded, and takes the names away with the module' {
        $script = @'
Import-Module -Name $env:CT_MANIFEST -ErrorAction Stop
$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
'LOADED ' + @($accelerators::Get.Keys | Where-Object { $_ -like 'ConnectTools.*' }).Count
'CAST ' + ([ConnectTools.ConnectInstanceIdentity]'40c83b68-ea62-414c-97bb-d018e39e158e').InstanceId
'CORE ' + [ConnectTools.ConnectUser].Assembly.GetName().Name + ' ' + [ConnectTools.ConnectServiceException].BaseType.Name
Remove-Module ConnectTools
'REMOVED ' + @($accelerators::Get.Keys | Where-Object { $_ -like 'ConnectTools.*' }).Count
'@
        $r = Invoke-ChildPwsh -Script $script -Environment @{ CT_MANIFEST = $ModuleManifest }
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match '(?m)^LOADED 23\s*$'
        $r.Output | Should -Match '(?m)^CAST 40c83b68-ea62-414c-97bb-d018e39e158e\s*$'
        $r.Output | Should -Match '(?m)^CORE ConnectTools.Core AmazonServiceException\s*$'
        $r.Output | Should -Match '(?m)^REMOVED 0\s*$'
    }
    It 'a fresh session''s first call reads only the shared settings that apply to Connect: the profile''s sdk_ua_app_id reaches the User-Agent, and a malformed setting of another feature (AWS_EC2_METADATA_SERVICE_ENDPOINT) is not read' {
        # AWSSDK.Core reads every AWS_* setting it knows and the shared config file's profile at once, the first time a
        # client asks for one it was not given (FallbackInternalConfigurationFactory). A malformed value of any of them
        # then fails every call of the process with a TypeInitializationException. The client is given its settings, so
        # that lookup never runs; the settings that do apply (here the app id) are still read from the profile.
        $fakeHome = Join-Path $TestDrive 'settings-home'
        $null = New-Item -ItemType Directory -Path (Join-Path $fakeHome '.aws') -Force
        Set-Content -LiteralPath (Join-Path $fakeHome '.aws/config') -Value "[default]`nsdk_ua_app_id = runbook-7`n"
        Set-Content -LiteralPath (Join-Path $fakeHome '.aws/credentials') -Value ''
        $script = @'
Import-Module -Name $env:CT_MANIFEST -ErrorAction Stop
try { 'FIRST ' + (Get-ConnectInstance -EndpointUrl $env:CT_URL -Region us-east-1 -ErrorAction Stop | Select-Object -First 1).InstanceId }
catch { 'FAILED ' + $_.Exception.GetType().FullName + ': ' + $_.Exception.Message }
'@
        Reset-EmulatorStats $Emu
        $r = Invoke-ChildPwsh -Script $script -Environment @{
            CT_MANIFEST = $ModuleManifest; CT_URL = $Emu.Url; HOME = $fakeHome
            AWS_CONFIG_FILE = (Join-Path $fakeHome '.aws/config'); AWS_SHARED_CREDENTIALS_FILE = (Join-Path $fakeHome '.aws/credentials')
            AWS_EC2_METADATA_SERVICE_ENDPOINT = 'not a uri'; AWS_EC2_METADATA_DISABLED = 'true'
            AWS_ACCESS_KEY_ID = $DemoAccessKey; AWS_SECRET_ACCESS_KEY = $DemoSecretKey
        }
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match ('(?m)^FIRST ' + [regex]::Escape($Emu.Data.Instances[0].Id) + '\s*$') -Because $r.Output
        $agents = @(Get-EmulatorRequests $Emu | ForEach-Object UserAgent)
        $agents.Count | Should -BeGreaterThan 0
        $agents | ForEach-Object { $_ | Should -Match ' app/runbook-7( |$)' }
    }
    It 'a fresh session''s first call in a Region where Amazon Connect is offered does not load the SDK''s Region list; an unknown Region is still refused with a suggestion' {
        # The SDK's list (its endpoint data) is only needed for names that are not Connect Regions: to accept other AWS
        # Regions, refuse unknown ones and suggest a near name. Loading it is first-call time for nothing.
        $script = @'
Import-Module -Name $env:CT_MANIFEST -ErrorAction Stop
$list = [ConnectTools.ConnectRegions].GetField('ByName', [Reflection.BindingFlags]'NonPublic,Static').GetValue($null)
'FIRST ' + (Get-ConnectInstance -EndpointUrl $env:CT_URL -Region us-east-1 -ErrorAction Stop | Select-Object -First 1).InstanceId
# The warm-up started at import runs the same path (and the Region's own endpoint): once it is done too.
$null = [ConnectTools.ConnectRegions].Assembly.GetType('ConnectTools.WarmUp.ConnectWarmUp', $true)::Running.GetAwaiter().GetResult()
'LOADED-AFTER-CALL ' + $list.IsValueCreated
try { Get-ConnectInstance -EndpointUrl $env:CT_URL -Region us-east-7x -ErrorAction Stop } catch { 'REFUSED ' + $_.Exception.Message }
'LOADED-AFTER-TYPO ' + $list.IsValueCreated
'@
        $r = Invoke-ChildPwsh -Script $script -Environment @{
            CT_MANIFEST = $ModuleManifest; CT_URL = $Emu.Url; AWS_ACCESS_KEY_ID = $DemoAccessKey; AWS_SECRET_ACCESS_KEY = $DemoSecretKey
        }
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match ('(?m)^FIRST ' + [regex]::Escape($Emu.Data.Instances[0].Id) + '\s*$') -Because $r.Output
        $r.Output | Should -Match '(?m)^LOADED-AFTER-CALL False\s*$'
        $r.Output | Should -Match "(?m)^REFUSED .*'us-east-7x'.*Did you mean"
        $r.Output | Should -Match '(?m)^LOADED-AFTER-TYPO True\s*$'
    }
    It 'starts a warm-up at import that runs the call path on in-memory answers and sends nothing; CONNECTTOOLS_WARMUP=0 turns it off' {
        $script = @'
Import-Module -Name $env:CT_MANIFEST -ErrorAction Stop
$running = [ConnectTools.ConnectRegions].Assembly.GetType('ConnectTools.WarmUp.ConnectWarmUp', $true)::Running
if ($null -eq $running) { 'WARMUP none' }
else {
    $r = $running.GetAwaiter().GetResult()
    'WARMUP requests=' + $r.Requests + ' failure=' + $r.Failure + ' instances=' + ($r.Instances -join ',') + ' users=' + ($r.Users -join ',')
}
'FIRST ' + (Get-ConnectInstance -EndpointUrl $env:CT_URL -Region us-east-1 -ErrorAction Stop | Select-Object -First 1).InstanceId
'@
        $environment = @{ CT_MANIFEST = $ModuleManifest; CT_URL = $Emu.Url; AWS_ACCESS_KEY_ID = $DemoAccessKey; AWS_SECRET_ACCESS_KEY = $DemoSecretKey }
        Reset-EmulatorStats $Emu
        $on = Invoke-ChildPwsh -Script $script -Environment $environment
        $on.ExitCode | Should -Be 0 -Because $on.Output
        $on.Output | Should -Match '(?m)^WARMUP requests=8 failure= instances=warm-up,warm-up users=warm-up,warm-up,warm-up\s*$' -Because $on.Output
        $on.Output | Should -Match ('(?m)^FIRST ' + [regex]::Escape($Emu.Data.Instances[0].Id) + '\s*$') -Because $on.Output
        # Only the command reached the emulator: its own calls, signed with the session's keys.
        $requests = @(Get-EmulatorRequests $Emu)
        $requests.Count | Should -BeGreaterThan 0
        $requests | ForEach-Object { $_.AccessKeyId | Should -Be $DemoAccessKey; $_.Operation | Should -BeIn 'ListInstances', 'DescribeInstance' }

        $environment.CONNECTTOOLS_WARMUP = '0'
        $off = Invoke-ChildPwsh -Script $script -Environment $environment
        $off.ExitCode | Should -Be 0 -Because $off.Output
        $off.Output | Should -Match '(?m)^WARMUP none\s*$' -Because $off.Output
        $off.Output | Should -Match ('(?m)^FIRST ' + [regex]::Escape($Emu.Data.Instances[0].Id) + '\s*$') -Because $off.Output
    }
}


Describe 'Argument completion' {
    BeforeAll {
        $script:Emu = Start-TestEmulator -Instances 2 -Users 2 -Arguments '--no-quotas'
        $script:AwsState = Enter-TestAwsEnvironment
        function Get-Completion([string] $Line) {
            # The prompt waits 3 s at most for a live completion; a slower first answer (a cold start on a busy machine) is
            # cached by the completer for the next Tab. So press Tab again, as a user would, a bounded number of times.
            for ($i = 0; $i -lt 30; $i++) {
                $completions = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
                if ($completions.CompletionMatches.Count -gt 0) { return $completions }
                Start-Sleep -Seconds 1
            }
            $completions
        }
    }
    AfterAll {
        if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
        Stop-TestEmulator $script:Emu
    }

    It '-InstanceId of <_> completes the emulator''s instance ids (via -EndpointUrl on the command line)' -ForEach $CmdletNames {
        $line = "$_ -EndpointUrl $($Emu.Url) -InstanceId "
        $completions = Get-Completion $line
        @($completions.CompletionMatches.CompletionText | Sort-Object) | Should -Be @($Emu.Data.Instances.Id | Sort-Object)
        $completions.CompletionMatches[0].ListItemText | Should -Match '\(emulator-cc-\d\)'
    }

    It '-InstanceId completion filters by the typed prefix' {
        $want = $Emu.Data.Instances[1].Id
        $line = "Get-ConnectUser -EndpointUrl $($Emu.Url) -InstanceId $($want.Substring(0, 6))"
        $completions = Get-Completion $line
        @($completions.CompletionMatches.CompletionText) | Should -Be @($want)
    }

    It '-InstanceId completion uses the session''s $StoredAWSRegion and $StoredAWSCredentials like the cmdlets' {
        $savedKey = $env:AWS_ACCESS_KEY_ID; $savedSecret = $env:AWS_SECRET_ACCESS_KEY; $savedRegion = $env:AWS_REGION
        try {
            $env:AWS_ACCESS_KEY_ID = $null; $env:AWS_SECRET_ACCESS_KEY = $null; $env:AWS_REGION = $null
            Add-StoredCredentialType
            $global:StoredAWSCredentials = [Amazon.PowerShell.Common.AWSPSCredentials]::new([Amazon.Runtime.BasicAWSCredentials]::new($DemoAccessKey, $DemoSecretKey), 'test')
            $global:StoredAWSRegion = 'us-east-1'
            $line = "Get-ConnectUser -EndpointUrl $($Emu.Url) -InstanceId "
            $completions = Get-Completion $line
            @($completions.CompletionMatches.CompletionText | Sort-Object) | Should -Be @($Emu.Data.Instances.Id | Sort-Object)
        }
        finally {
            Remove-Variable -Name StoredAWSCredentials, StoredAWSRegion -Scope Global -ErrorAction SilentlyContinue
            $env:AWS_ACCESS_KEY_ID = $savedKey; $env:AWS_SECRET_ACCESS_KEY = $savedSecret; $env:AWS_REGION = $savedRegion
        }
    }

    It '-Region completes Region names without network' {
        $line = 'Get-ConnectInstance -Region eu-west-'
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Contain 'eu-west-1'
        $completions.CompletionMatches.CompletionText | Should -Not -Contain 'us-east-1'
    }
}

Describe 'Help' {
    It '<_> has a synopsis, a description and examples' -ForEach $CmdletNames {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -Match ('^' + [regex]::Escape($_) + '\s*(\[|$)') -Because 'an auto-generated synopsis means the MAML help file was not found'
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($ex in $help.examples.example) { ($ex.code | Out-String).Trim() | Should -Match $_ }
    }

    It 'every parameter of <_> has a description' -ForEach $CmdletNames {
        $command = Get-Command -Name $_
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $names = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
        $names.Count | Should -BeGreaterThan 10
        $missing = foreach ($name in $names) {
            $p = Get-Help -Name $_ -Parameter $name -ErrorAction SilentlyContinue
            if (-not $p -or -not ($p.description | Out-String).Trim()) { $name }
        }
        $missing | Should -BeNullOrEmpty -Because 'every parameter needs a description in the help'
    }

    It 'the about_ConnectTools topic is present' {
        (Get-Help -Name about_ConnectTools | Out-String) | Should -Match 'ConnectTools'
    }
}
