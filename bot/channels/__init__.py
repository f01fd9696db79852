"""Rasa input channels of the assistant (see docs/wechat.md for the WeChat one)."""
