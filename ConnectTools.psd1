@{
    RootModule             = 'ConnectTools.dll'
    # Stamped from Directory.Build.props (ConnectToolsVersion) when the module is assembled into out/.
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5b1f0f3e-8f4e-4f7c-9a55-2d6f3c1e9a41'
    Author                 = 'ConnectTools'
    CompanyName            = 'ConnectTools'
    Copyright              = '(c) ConnectTools. All rights reserved.'
    Description            = 'Amazon Connect instances and users as PowerShell objects: Get-ConnectInstance and Get-ConnectUser, fast listings at the API quota, AWS Tools for PowerShell credential and region conventions.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport        = @('Get-ConnectInstance', 'Get-ConnectUser')
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    FormatsToProcess       = @('ConnectTools.format.ps1xml')
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'Amazon', 'Connect', 'AmazonConnect', 'ContactCenter', 'Cloud', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/connecttools/ConnectTools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/connecttools/ConnectTools'
            ReleaseNotes = 'First release: Get-ConnectInstance and Get-ConnectUser.'
        }
    }
}
