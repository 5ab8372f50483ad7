print("regdoctor")
