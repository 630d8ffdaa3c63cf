package main

import (
	"encoding/json"
	"log"
	"time"

	"github.com/gorilla/websocket"
)

// The chat example's timing constants.
const (
	writeWait      = 10 * time.Second
	pongWait       = 60 * time.Second
	pingPeriod     = (pongWait * 9) / 10
	maxMessageSize = 16 << 20
)

// Client is one chat connection: readPump turns requests into hub events,
// writePump is the connection's only writer.
type Client struct {
	hub   *Hub
	conn  *websocket.Conn
	send  chan *websocket.PreparedMessage
	id    string
	rooms map[string]bool // owned by the hub
}

type request struct {
	Type string  `json:"type"`
	Room *string `json:"room"`
	Text *string `json:"text"`
}

type outgoing struct {
	Type string `json:"type"`
	Room string `json:"room"`
	From string `json:"from"`
	Text string `json:"text"`
	TS   int64  `json:"ts"`
}

func (c *Client) readPump() {
	defer func() {
		c.hub.unregister <- c
		c.conn.Close()
	}()
	c.conn.SetReadLimit(maxMessageSize)
	c.conn.SetReadDeadline(time.Now().Add(pongWait))
	c.conn.SetPongHandler(func(string) error { c.conn.SetReadDeadline(time.Now().Add(pongWait)); return nil })
	for {
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			if websocket.IsUnexpectedCloseError(err, websocket.CloseGoingAway, websocket.CloseNormalClosure) {
				log.Printf("read: %v", err)
			}
			return
		}
		c.handle(data)
	}
}

func (c *Client) handle(data []byte) {
	var r request
	if err := json.Unmarshal(data, &r); err != nil {
		c.hub.reply <- reply{c, errorEvent("invalid json")}
		return
	}
	switch {
	case r.Type == "join" && r.Room != nil:
		c.hub.join <- joinRequest{c, *r.Room}
	case r.Type == "join":
		c.hub.reply <- reply{c, errorEvent("missing room")}
	case r.Type == "message" && r.Room != nil && r.Text != nil:
		frame, _ := json.Marshal(outgoing{"message", *r.Room, c.id, *r.Text, time.Now().UnixMilli()})
		message, err := websocket.NewPreparedMessage(websocket.TextMessage, frame)
		if err == nil {
			c.hub.broadcast <- roomMessage{c, *r.Room, message}
		}
	case r.Type == "message":
		c.hub.reply <- reply{c, errorEvent("missing room or text")}
	default:
		c.hub.reply <- reply{c, errorEvent("unknown type")}
	}
}

func (c *Client) writePump() {
	ticker := time.NewTicker(pingPeriod)
	defer func() {
		ticker.Stop()
		c.conn.Close()
	}()
	for {
		select {
		case message, ok := <-c.send:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if !ok {
				c.conn.WriteMessage(websocket.CloseMessage, []byte{})
				return
			}
			if err := c.conn.WritePreparedMessage(message); err != nil {
				return
			}
		case <-ticker.C:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				return
			}
		}
	}
}

func event(fields map[string]any) *websocket.PreparedMessage {
	frame, _ := json.Marshal(fields)
	message, _ := websocket.NewPreparedMessage(websocket.TextMessage, frame)
	return message
}

func errorEvent(reason string) *websocket.PreparedMessage {
	return event(map[string]any{"type": "error", "error": reason})
}
