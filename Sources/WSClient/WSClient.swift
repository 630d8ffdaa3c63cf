import WSProtocol
