@_exported import MizanEngine
