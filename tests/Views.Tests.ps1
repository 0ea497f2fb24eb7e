# The format views: rendered at 80 columns (what piped and redirected output gets) and at 120, each view keeps its
# identifying columns whole, never cuts an id or an enum value, and leaves out whole columns (the least useful, on the
# right) when the width runs out. Objects are the widest values the API can give (36-character ids,
# CREATION_IN_PROGRESS, EXISTING_DIRECTORY, ap-southeast-2) and real ones from the emulator.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function New-ModelObject([type] $Type, [string] $Json, [hashtable] $Set = @{}) {
        # The output types have internal setters (they are read-only to users); the JSON reader and reflection fill them.
        $o = [System.Text.Json.JsonSerializer]::Deserialize($Json, $Type)
        foreach ($k in $Set.Keys) { $Type.GetProperty($k).SetValue($o, $Set[$k]) }
        $o
    }
    $script:Id1 = '40c83b68-ea62-414c-97bb-d018e39e158e'
    $script:Id2 = '0c245dc0-0cf5-4e37-800e-2a7481cc8a60'
    $script:Id3 = 'a82cf6a8-487f-4661-b506-a5f05e141981'
    $script:Id4 = '4cfcc3d0-c5fd-4f1e-b312-56f4f6c3b71f'
    $script:Instance = New-ModelObject ([ConnectTools.ConnectInstance]) (@{ Id = $Id1; InstanceAlias = 'contact-center-prod-eu'; InstanceStatus = 'CREATION_IN_PROGRESS'; IdentityManagementType = 'EXISTING_DIRECTORY'; CreatedTime = '2024-01-02T03:04:05Z' } | ConvertTo-Json) @{ Region = 'ap-southeast-2' }
    $script:Failed = New-ModelObject ([ConnectTools.ConnectInstance]) (@{ Id = $Id2; InstanceAlias = 'cc-test'; InstanceStatus = 'CREATION_FAILED'; IdentityManagementType = 'CONNECT_MANAGED' } | ConvertTo-Json) @{ Region = 'us-gov-west-1' }
    $userJson = @{ Id = $Id2; Username = 'amara.dubois.0001'; RoutingProfileId = $Id3; HierarchyGroupId = $Id4; SecurityProfileIds = @($Id1)
        IdentityInfo = @{ FirstName = 'Amara'; LastName = 'Dubois'; Email = 'amara.dubois.0001@example.com' }; PhoneConfig = @{ PhoneType = 'SOFT_PHONE' } } | ConvertTo-Json
    $script:User = New-ModelObject ([ConnectTools.ConnectUser]) $userJson @{ Region = 'ap-southeast-2'; InstanceId = $Id1 }
    $script:Summary = New-ModelObject ([ConnectTools.ConnectUserSummary]) $userJson @{ Region = 'ap-southeast-2'; InstanceId = $Id1 }

    # Each view: what it renders, and per width the columns (in order) and the values that must show whole.
    $script:Views = @(
        @{ Name = 'instance table'; Render = { $Instance, $Failed | Format-Table }; Rows = 2
            80 = @('InstanceAlias', 'InstanceId', 'Region'); 120 = @('InstanceAlias', 'InstanceId', 'Region', 'Status', 'Identity')
            Values80 = @($Id1, $Id2, 'contact-center-prod-eu', 'ap-southeast-2', 'us-gov-west-1'); Values120 = @('CREATION_IN_PROGRESS', 'CREATION_FAILED', 'EXISTING_DIRECTORY', 'CONNECT_MANAGED') }
        @{ Name = 'user table'; Render = { $User | Format-Table }; Rows = 1
            80 = @('Username', 'FullName', 'Email'); 120 = @('Username', 'FullName', 'Email', 'RoutingProfileId')
            Values80 = @('amara.dubois.0001', 'Amara Dubois', 'amara.dubois.0001@example.com'); Values120 = @($Id3) }
        @{ Name = 'user Ids table'; Render = { $User | Format-Table -View Ids }; Rows = 1
            80 = @('Username', 'UserId', 'Region'); 120 = @('Username', 'UserId', 'Region', 'InstanceId')
            Values80 = @($Id2, 'ap-southeast-2'); Values120 = @($Id1) }
        @{ Name = 'user Routing table'; Render = { $User | Format-Table -View Routing }; Rows = 1
            80 = @('Username', 'RoutingProfileId', 'SecurityProfiles'); 120 = @('Username', 'RoutingProfileId', 'SecurityProfiles', 'HierarchyGroupId')
            Values80 = @($Id3); Values120 = @($Id4) }
        @{ Name = 'summary table'; Render = { $Summary | Format-Table }; Rows = 1
            80 = @('Username', 'FullName', 'RoutingProfileId'); 120 = @('Username', 'FullName', 'RoutingProfileId', 'HierarchyGroupId')
            Values80 = @($Id3); Values120 = @($Id4) }
    )
}

Describe 'Table views at 80 and 120 columns' {
    It '<Name> at 80 columns: the identifying columns whole, the rest left out' -ForEach @(
        @{ Name = 'instance table' }, @{ Name = 'user table' }, @{ Name = 'user Ids table' }, @{ Name = 'user Routing table' }, @{ Name = 'summary table' }) {
        $view = $Views | Where-Object Name -EQ $Name
        $text = & $view.Render | Out-String -Width 80
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        foreach ($l in $lines) { $l.TrimEnd().Length | Should -BeLessOrEqual 80 }
        @($lines[0] -split '\s+' | Where-Object { $_ }) | Should -Be $view[80] -Because "the header at 80 columns is '$($lines[0])'"
        $lines.Count | Should -Be (2 + $view.Rows) -Because 'no header or value wraps onto a second line'
        foreach ($v in $view.Values80) { $text | Should -Match ([regex]::Escape($v)) }
        $text | Should -Not -Match '…' -Because 'no value is cut'
    }

    It '<Name> at 120 columns: ids and enum values whole' -ForEach @(
        @{ Name = 'instance table' }, @{ Name = 'user table' }, @{ Name = 'user Ids table' }, @{ Name = 'user Routing table' }, @{ Name = 'summary table' }) {
        $view = $Views | Where-Object Name -EQ $Name
        $text = & $view.Render | Out-String -Width 120
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        foreach ($l in $lines) { $l.TrimEnd().Length | Should -BeLessOrEqual 120 }
        @($lines[0] -split '\s+' | Where-Object { $_ }) | Should -Be $view[120] -Because "the header at 120 columns is '$($lines[0])'"
        foreach ($v in @($view.Values80) + @($view.Values120)) { $text | Should -Match ([regex]::Escape($v)) }
        $text | Should -Not -Match '…'
    }

    It 'wider terminals get the remaining columns (Created, PhoneType)' {
        (($Instance | Format-Table | Out-String -Width 200) -split "`n")[1] | Should -Match 'Created'
        (($User | Format-Table | Out-String -Width 200) -split "`n")[1] | Should -Match 'PhoneType\s*$'
        (($Summary | Format-Table | Out-String -Width 200) -split "`n")[1] | Should -Match 'PhoneType\s*$'
    }

    It 'the list views show every id whole at 80 columns' {
        $text = $User | Format-List | Out-String -Width 80
        foreach ($v in $Id1, $Id2, $Id3, $Id4) { $text | Should -Match ([regex]::Escape($v)) }
        $text = $Instance | Format-List | Out-String -Width 80
        $text | Should -Match 'CREATION_IN_PROGRESS'
        $text | Should -Match ([regex]::Escape($Id1))
    }
}

Describe 'Real objects from the emulator, and no ANSI codes in redirected output' {
    BeforeAll {
        $script:Emu = Start-TestEmulator -Instances 2 -Users 3 -Arguments '--no-quotas'
        $script:AwsState = Enter-TestAwsEnvironment
    }
    AfterAll {
        if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
        Stop-TestEmulator $script:Emu
    }

    It 'every emulator instance and user renders at 80 columns with its ids whole' {
        $instances = @(Get-ConnectInstance -EndpointUrl $Emu.Url)
        $text = $instances | Out-String -Width 80
        foreach ($i in $instances) { $text | Should -Match ([regex]::Escape($i.InstanceId)) }
        $users = @($instances | Get-ConnectUser -EndpointUrl $Emu.Url)
        $ids = $users | Format-Table -View Ids | Out-String -Width 80
        foreach ($u in $users) { $ids | Should -Match ([regex]::Escape($u.UserId)) }
    }

    It 'a child pwsh with redirected output and NO_COLOR writes no escape codes' {
        $script = "Import-Module '$ModuleManifest'; `$env:AWS_ACCESS_KEY_ID = '$DemoAccessKey'; `$env:AWS_SECRET_ACCESS_KEY = '$DemoSecretKey'; " +
            "Get-ConnectInstance -Region us-east-1 -EndpointUrl '$($Emu.Url)' | Get-ConnectUser -EndpointUrl '$($Emu.Url)' -Summary; Get-ConnectInstance -InstanceId 'bad/id' -Region us-east-1 -EndpointUrl '$($Emu.Url)'"
        $psi = New-PwshStartInfo -Script $script
        $p = [System.Diagnostics.Process]::Start($psi)
        $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
        $p.WaitForExit(60000) | Should -BeTrue
        $out.Result | Should -Match 'RoutingProfileId'
        $err.Result | Should -Match 'bad/id'
        $out.Result + $err.Result | Should -Not -Match "`e"
    }
}
