print("chat-server")
