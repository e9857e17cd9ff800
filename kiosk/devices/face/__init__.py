"""Camera and face verification: is the person in front of the kiosk the holder of the record?"""
