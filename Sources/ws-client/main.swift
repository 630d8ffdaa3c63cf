print("ws-client")
